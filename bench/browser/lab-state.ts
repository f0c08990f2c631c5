// Where the lab worker posts the state of its build to the lab server (serve-lab.ts): a plain
// HTTP channel beside the browser automation's, read when a build misses its deadline.
export const LAB_STATE_PATH = '/__lab-state';
