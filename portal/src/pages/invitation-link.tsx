import { PartnerInvitationLinkDocument } from "@partnergraph/operations";
import { useState } from "react";
import { useQuery } from "urql";
import { ErrorNote } from "../errors";
import { Loading, PageTitle } from "../ui/basics";
import { QrCode } from "../ui/qr-code";

/** The partner's one invitation link: the same every time, reusable, never expiring. */
export function InvitationLink() {
  const [{ data, error, fetching }] = useQuery({ query: PartnerInvitationLinkDocument });
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const url = data?.partnerInvitationLink.url;
  const copy = () => {
    if (!url) return;
    navigator.clipboard.writeText(url).then(
      () => setCopied("yes"),
      () => setCopied("no"),
    );
  };
  return (
    <>
      <PageTitle>Invitation link</PageTitle>
      <ErrorNote error={error} />
      {!data && fetching && <Loading what="your invitation link" />}
      {url && (
        <section className="card invitation-link">
          <p>
            Send this link to customers: opening it, they see your organization, sign in or register, and accept to
            connect. It is the same link every time and does not expire.
          </p>
          <div className="copy-row">
            <label htmlFor="invitation-url" className="visually-hidden">
              Invitation link
            </label>
            <input id="invitation-url" readOnly value={url} onFocus={(e) => e.target.select()} />
            <button type="button" className="primary" onClick={copy}>
              Copy link
            </button>
          </div>
          <p role="status" aria-live="polite" className="muted">
            {copied === "yes"
              ? "Copied to the clipboard."
              : copied === "no"
                ? "Copying failed: select the link and copy it."
                : ""}
          </p>
          <QrCode text={url} label="QR code of the invitation link" />
        </section>
      )}
    </>
  );
}
