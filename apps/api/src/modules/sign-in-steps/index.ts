/** The sign-in steps' front door: short-lived, single-use steps of a sign-in, for the modules that sign people in. */
export { beginStep, findOpenStep, useStep, type SignInStepRow } from "./sign-in-steps.ts";
