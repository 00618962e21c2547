import {
  PartnerDirectoryDocument,
  PartnerProfileDocument,
  PartnerProgramCode,
  PartnerTier,
  PartnerSupportAgreementsDocument,
} from "@partnergraph/operations";
import { useState } from "react";
import { useQuery } from "urql";
import { ErrorNote } from "../errors";
import { Link } from "../router";
import { Badge, Empty, formatDate, Loading, PageTitle, words } from "../ui/basics";
import { anyOf, Select } from "../ui/field";
import { SearchedList, useSearchedPages } from "../ui/paging";
import { Table } from "../ui/table";

const PAGE_SIZE = 10;
const PROGRAMS: PartnerProgramCode[] = ["SOLUTION_ADVISOR", "SERVICE_PROVIDER", "TECHNOLOGY_ALLIANCE", "DISTRIBUTOR"];
const TIERS: PartnerTier[] = ["SILVER", "GOLD", "PLATINUM"];

/** The vendor's partners, searchable by name and filtered by a badge held now, a page at a time; each opens its profile. */
export function VendorPartners() {
  const pages = useSearchedPages(PAGE_SIZE);
  const [program, setProgram] = useState<PartnerProgramCode | "">("");
  const [tier, setTier] = useState<PartnerTier | "">("");
  const [{ data, error, fetching }] = useQuery({
    query: PartnerDirectoryDocument,
    variables: { ...pages.variables, program: program || null, tier: tier || null },
  });
  const directory = data?.partnerDirectory;
  const filtered = Boolean(program || tier);
  return (
    <>
      <PageTitle>Partners</PageTitle>
      <div className="toolbar">
        <Select
          label="Program"
          value={program}
          options={anyOf(PROGRAMS)}
          onChange={(value) => {
            setProgram(value as PartnerProgramCode | "");
            pages.restart();
          }}
        />
        <Select
          label="Tier"
          value={tier}
          options={anyOf(TIERS)}
          onChange={(value) => {
            setTier(value as PartnerTier | "");
            pages.restart();
          }}
        />
      </div>
      <SearchedList
        pages={pages}
        searchBox={{ id: "partner-search", label: "Search partners", placeholder: "Part of the name" }}
        list={directory}
        noun={{ one: "partner", many: "partners" }}
        empty={filtered ? "No partner holds that badge now." : "No organization is enrolled in a partner program."}
        error={error}
        fetching={fetching}
      >
        <Table label="Partners" columns={["Partner", "Country", "ORGID", "Badges"]}>
          {directory?.edges.map(({ node }) => (
            <tr key={node.id}>
              <td>
                <Link href={`/vendor/partners/${node.id}`}>{node.name}</Link>
              </td>
              <td>{node.country}</td>
              <td>{node.id}</td>
              <td>
                {node.badges.length === 0 && <span className="muted">none now</span>}
                {node.badges.map((badge) => (
                  <Badge key={badge.program} {...badge} />
                ))}
              </td>
            </tr>
          ))}
        </Table>
      </SearchedList>
    </>
  );
}

/** One partner for the vendor: badges, memberships, and the way to its Partner 360 and support agreements. */
export function VendorPartner({ id }: { id: string }) {
  return (
    <>
      <PageTitle aside={<Link href="/vendor/partners">All partners</Link>}>Partner</PageTitle>
      <PartnerProfile id={id} />
    </>
  );
}

function PartnerProfile({ id }: { id: string }) {
  const [{ data, error, fetching }] = useQuery({ query: PartnerProfileDocument, variables: { id } });
  const partner = data?.organization;
  return (
    <>
      <ErrorNote error={error} />
      {!data && fetching && <Loading what="the partner" />}
      {partner && (
        <article className="card" aria-labelledby="profile-title">
          <h2 id="profile-title">{partner.name}</h2>
          <p className="muted">
            {partner.country} · {partner.id} · {partner.isPartner ? "partner" : "not a partner"}
          </p>
          <p>
            {partner.badges.map((badge) => (
              <Badge key={badge.program} {...badge} />
            ))}
          </p>
          {partner.memberships.length > 0 && (
            <ul className="plain">
              {partner.memberships.map((m) => (
                <li key={m.id}>
                  {words(m.program)} {m.tier && `· ${words(m.tier)}`} · {words(m.status)} · {formatDate(m.startsAt)} –{" "}
                  {formatDate(m.endsAt)}
                </li>
              ))}
            </ul>
          )}
          {partner.isPartner && (
            <p>
              <Link href={`/scorecard/${partner.id}`}>Partner 360</Link> ·{" "}
              <Link href={`/vendor/agreements/${partner.id}`}>Support agreements</Link>
            </p>
          )}
        </article>
      )}
    </>
  );
}

/** A partner's support agreements: the vendor names the partner; a partner sees its own. */
export function SupportAgreements({ partnerId }: { partnerId?: string }) {
  const [{ data, error, fetching }] = useQuery({
    query: PartnerSupportAgreementsDocument,
    variables: { partnerId: partnerId ?? null },
  });
  return (
    <>
      <PageTitle>Support agreements</PageTitle>
      <ErrorNote error={error} />
      {!data && fetching && <Loading what="agreements" />}
      {data && data.partnerSupportAgreements.length === 0 && <Empty>No support agreement.</Empty>}
      <div className="grid">
        {data?.partnerSupportAgreements.map((agreement) => (
          <article key={agreement.id} className="card" aria-label={`${words(agreement.tier)} agreement`}>
            <h2>{words(agreement.tier)}</h2>
            <p className="muted">
              {formatDate(agreement.periodStart)} – {formatDate(agreement.periodEnd)}
            </p>
            <p>
              Incidents used: <strong>{agreement.incidentsUsed}</strong> of {agreement.incidentsPurchased}
            </p>
            {agreement.namedContacts.length > 0 && (
              <ul className="plain">
                {agreement.namedContacts.map((contact) => (
                  <li key={contact.user.id}>
                    {contact.user.email} <small className="muted">PIN {contact.pin}</small>
                  </li>
                ))}
              </ul>
            )}
          </article>
        ))}
      </div>
    </>
  );
}
