export * from './run-control.error';
export * from './resume-step';
export * from './cancel-run';
export * from './rerun-run';
export * from './decide-approval';
export * from './finish-sub-run';
export * from './run-control';
