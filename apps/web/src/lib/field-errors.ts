// The one error type the web's forms hold: what is wrong with each field, by field. The checks on
// the phone and the server's problem+json (which names the field) both come down to it.

/** A field's message, for each field of F that has something to put right. */
export type FieldErrors<F extends string> = Partial<Record<F, string>>;
