export const SECOND_FACTOR_PATH = "/second-factor";
