/** Why each technician should use their own PAM360 token (design.md rule 7). */
export function IdentityNote() {
  return (
    <section aria-labelledby="identity-heading">
      <h2 id="identity-heading">Whose token?</h2>
      <p>
        <strong>Use your own token.</strong> PAM360 records every session and access request under the user the token
        belongs to, and its ticket check can require that the ticket’s requester or technician is that same user. Generate
        it in PAM360 under your user’s API settings.
      </p>
      <p>
        <strong>A shared token works, but costs you:</strong> PAM360’s audit shows the shared API user instead of the
        technician, “requester = user” ticket checks fail or pass for the wrong person, and anyone with this browser
        profile acts with that user’s access. Prefer one token per technician.
      </p>
    </section>
  );
}
