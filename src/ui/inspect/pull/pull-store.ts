// The inspector's registry state: the reference being typed (also what a shared `#inspect?ref=`
// link fills in), why the last pull failed (so the form can open the sign-in fields or show the
// CORS help), and what refers to the image on screen.

import { create } from 'zustand';
import type { Digest } from '../../../core/digest.ts';
import type { Referrer } from '../../../core/registry/referrers.ts';

export interface PullError {
  message: string;
  /** Credentials missing or refused: the sign-in fields open. */
  auth: boolean;
  /** No response at all: most likely CORS. */
  network: boolean;
}

export interface ReferrerGroup {
  subject: Digest;
  status: 'loading' | 'done' | 'failed';
  referrers: Referrer[];
  via?: 'api' | 'tag' | 'none';
  error?: string;
}

interface PullState {
  reference: string;
  /** A reference that came in a link, not yet pulled: the person is asked first. */
  offered: string | null;
  error: PullError | null;
  signInOpen: boolean;
  referrers: ReferrerGroup[];
  setReference(reference: string): void;
  setSignInOpen(open: boolean): void;
}

export const usePull = create<PullState>()((set) => ({
  reference: '',
  offered: null,
  error: null,
  signInOpen: false,
  referrers: [],
  setReference: (reference) => set({ reference, error: null }),
  setSignInOpen: (signInOpen) => set({ signInOpen }),
}));
