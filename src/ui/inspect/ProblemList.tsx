// Problems found in untrusted input, worst first: what, where (entry, offset), and how bad. The
// rest of the image stays visible next to them.

import { count } from '../shared/format.ts';
import type { Problem } from '../../core/inspect/views.ts';

export function ProblemList({ problems, title = 'Problems' }: { problems: readonly Problem[]; title?: string }) {
  if (problems.length === 0) return null;
  const sorted = [...problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const errors = problems.filter((p) => p.severity === 'error').length;
  return (
    <section className="problem-list" aria-label={title}>
      <h3>{title}: {count(errors, 'error')}, {count(problems.length - errors, 'warning')}</h3>
      <ul>
        {sorted.slice(0, 500).map((p, i) => (
          <li key={i} className={`problem problem-${p.severity}`}>
            <span className="problem-severity">{p.severity}</span> <code className="problem-where">{p.where}</code> {p.message}
          </li>
        ))}
        {sorted.length > 500 && <li className="muted">… and {sorted.length - 500} more</li>}
      </ul>
    </section>
  );
}
