/**
 * Which build the pages are part of (astro.config.mjs sets it): `server`, with the on-demand routes
 * of the forms, or `static` (GitHub Pages), where the same pages offer mailto links instead.
 */
export const formsEnabled: boolean = import.meta.env.REGISTER_OUTPUT === 'server';

/** Where the "Object to this change" link of an entry goes in this build. */
export const objectPath = (id: string) => `subprocessors/${id}/object/`;
