import {
  AdministratorGrantsDocument,
  InviteAdministratorDocument,
  RevokeAdministratorGrantDocument,
  ServiceCatalogDocument,
} from "@partnergraph/operations";
import { FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { ErrorNote, fieldError } from "../errors";
import { Empty, formatDate, Loading, PageTitle, words } from "../ui/basics";
import { Field } from "../ui/field";

/** A customer invites someone (typically a partner's person) to administer its account, fully or for some services. */
export function Administrators() {
  const [{ data, error, fetching }] = useQuery({ query: AdministratorGrantsDocument });
  const [revoked, revoke] = useMutation(RevokeAdministratorGrantDocument);
  return (
    <>
      <PageTitle>Administrators</PageTitle>
      <ErrorNote error={error ?? revoked.error} />
      {!data && fetching && <Loading what="administrators" />}
      {data && data.administratorGrants.length === 0 && <Empty>Nobody outside your organization administers it.</Empty>}
      {data && data.administratorGrants.length > 0 && (
        <div className="card table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Access</th>
                <th scope="col">Status</th>
                <th scope="col">Invited</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.administratorGrants.map((grant) => (
                <tr key={grant.id}>
                  <td>{grant.email}</td>
                  <td>{grant.access === "FULL" ? "Full" : `Custom: ${grant.serviceCodes.join(", ")}`}</td>
                  <td>{words(grant.status)}</td>
                  <td>{formatDate(grant.invitedAt)}</td>
                  <td>
                    {(grant.status === "PENDING" || grant.status === "ACCEPTED") && (
                      <button
                        type="button"
                        className="quiet"
                        disabled={revoked.fetching}
                        onClick={() => void revoke({ id: grant.id }, { additionalTypenames: ["AdministratorGrant"] })}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Invite />
    </>
  );
}

function Invite() {
  const [email, setEmail] = useState("");
  const [access, setAccess] = useState<"FULL" | "CUSTOM">("FULL");
  const [serviceCodes, setServiceCodes] = useState<string[]>([]);
  const [{ data: catalog }] = useQuery({ query: ServiceCatalogDocument });
  const [result, invite] = useMutation(InviteAdministratorDocument);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void invite(
      { input: { email, access, serviceCodes: access === "CUSTOM" ? serviceCodes : null } },
      { additionalTypenames: ["AdministratorGrant"] },
    ).then((r) => r.data && setEmail(""));
  };
  return (
    <form className="card stack" onSubmit={submit} aria-label="Invite an administrator">
      <h2>Invite an administrator</h2>
      <Field
        label="Email"
        type="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={fieldError(result.error, "email")}
      />
      <fieldset>
        <legend>Access</legend>
        <label className="choice">
          <input type="radio" name="access" checked={access === "FULL"} onChange={() => setAccess("FULL")} /> Full:
          every service
        </label>
        <label className="choice">
          <input type="radio" name="access" checked={access === "CUSTOM"} onChange={() => setAccess("CUSTOM")} />{" "}
          Custom: the services chosen
        </label>
      </fieldset>
      {access === "CUSTOM" && (
        <fieldset>
          <legend>Services</legend>
          {catalog?.services.map((service) => (
            <label key={service.code} className="choice">
              <input
                type="checkbox"
                checked={serviceCodes.includes(service.code)}
                onChange={(e) =>
                  setServiceCodes(
                    e.target.checked ? [...serviceCodes, service.code] : serviceCodes.filter((c) => c !== service.code),
                  )
                }
              />{" "}
              {service.name}
            </label>
          ))}
          {fieldError(result.error, "serviceCodes") && (
            <p className="field-error">{fieldError(result.error, "serviceCodes")}</p>
          )}
        </fieldset>
      )}
      <ErrorNote error={result.error} />
      {result.data && (
        <p className="note ok" role="status">
          {result.data.inviteAdministrator.email} is invited ({words(result.data.inviteAdministrator.access)} access).
        </p>
      )}
      <button type="submit" className="primary" disabled={result.fetching}>
        Send invitation
      </button>
    </form>
  );
}
