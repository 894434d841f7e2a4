// The shapes of a counter's code (also its slug in /r/<code>) and of a one-stop dossier code.
export const counterCodePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** A one-stop dossier code, e.g. 000.00.12.H56-240315-0001. */
export const dossierPattern = /^[A-Za-z0-9]{1,5}(\.[A-Za-z0-9]{1,5}){0,5}-[0-9]{6}-[0-9]{4,6}$/;
