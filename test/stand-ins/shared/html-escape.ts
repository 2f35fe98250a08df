// HTML escaping for the stand-ins' pages. Two spellings, because the pages are compared byte for
// byte (fixture files, tests) and each stand-in has always written one of them.

/** `&amp; &lt; &gt; &quot; &#39;`: the page renderers and PAM360's console pages. */
export function esc(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Numeric references (`&#60;`): the few error pages SDP's and ServiceNow's servers build by hand. */
export function escByCode(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
