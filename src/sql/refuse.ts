/** What srp's SQL cannot express as srp computes it is refused, never approximated (SPEC §9). */
export class RefusedError extends Error {}
