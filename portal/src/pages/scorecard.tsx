import {
  AgreeJointGoalDocument,
  DeclineJointGoalDocument,
  PipelineOpportunitiesDocument,
  PortalScorecardDocument,
  PortalScorecardQuery,
  ProposeJointGoalDocument,
} from "@partnergraph/operations";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { ErrorNote } from "../errors";
import { Badge, Empty, formatDate, formatMoney, Loading, PageTitle, words } from "../ui/basics";
import { FormField, FormSelect, MutationForm, useFormState } from "../ui/form";
import { QuartersChart } from "../ui/quarters-chart";
import { useViewer } from "../viewer";

type Partner = PortalScorecardQuery["organization"];
type Goal = NonNullable<Partner["jointGoals"]>[number];

/** Partner 360: the partner's own scorecard, or any partner's for the vendor. */
export function Scorecard({ partnerId }: { partnerId?: string }) {
  const { me, kind } = useViewer();
  const id = partnerId ?? me.organization?.id ?? "";
  const [{ data, error, fetching }] = useQuery({ query: PortalScorecardDocument, variables: { partnerId: id } });
  const partner = data?.organization;
  return (
    <>
      <PageTitle>{partner ? `${partner.name}: Partner 360` : "Partner 360"}</PageTitle>
      <ErrorNote error={error} />
      {!data && fetching && <Loading what="the scorecard" />}
      {partner && (
        <>
          <p>
            {partner.badges.length === 0 ? <span className="muted">No badge</span> : null}
            {partner.badges.map((badge) => (
              <Badge key={badge.program} {...badge} />
            ))}
          </p>
          <Figures partner={partner} />
          <div className="grid two">
            <section className="card" aria-labelledby="bookings-title">
              <h2 id="bookings-title">Bookings, rolling four quarters</h2>
              {partner.sales ? (
                <QuartersChart quarters={partner.sales.quarters} currency={partner.sales.currency} />
              ) : (
                <Empty>Sales are not available right now.</Empty>
              )}
            </section>
            <Pipeline partner={partner} />
          </div>
          <Goals partner={partner} canDecide={kind === "partner"} canPropose={kind === "vendor"} />
        </>
      )}
    </>
  );
}

function Figures({ partner }: { partner: Partner }) {
  const currency = partner.sales?.currency ?? "USD";
  const figures: [string, string][] = [
    ["Bookings today", partner.sales ? formatMoney(partner.sales.todayBookings, currency) : "—"],
    ["Quarter to date", partner.sales ? formatMoney(partner.sales.quarterToDateBookings, currency) : "—"],
    ["Pipeline", partner.pipeline ? formatMoney(partner.pipeline.totalAmount, currency) : "—"],
    ["Certified people", String(partner.certifiedPeopleCount)],
    ["Connected customers", String(partner.connectedCustomerCount ?? "—")],
    ["Open customer tickets", String(partner.openCustomerTicketCount ?? "—")],
  ];
  return (
    <dl className="figures">
      {figures.map(([label, value]) => (
        <div key={label} className="card">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Pipeline({ partner }: { partner: Partner }) {
  const [stage, setStage] = useState<string | null>(null);
  const currency = partner.sales?.currency ?? "USD";
  return (
    <section className="card" aria-labelledby="pipeline-title">
      <h2 id="pipeline-title">Pipeline by stage</h2>
      {!partner.pipeline ? (
        <Empty>The pipeline is not available right now.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col" className="num">
                Deals
              </th>
              <th scope="col" className="num">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {partner.pipeline.byStage.map((row) => (
              <tr key={row.stage}>
                <td>
                  <button
                    type="button"
                    className="quiet"
                    aria-expanded={stage === row.stage}
                    onClick={() => setStage(stage === row.stage ? null : row.stage)}
                  >
                    {words(row.stage)}
                  </button>
                </td>
                <td className="num">{row.count}</td>
                <td className="num">{formatMoney(row.amount, currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {stage && <Opportunities partnerId={partner.id} stage={stage} currency={currency} />}
    </section>
  );
}

function Opportunities({ partnerId, stage, currency }: { partnerId: string; stage: string; currency: string }) {
  const [{ data, error }] = useQuery({
    query: PipelineOpportunitiesDocument,
    variables: { partnerId, stage: stage as "LEAD" },
  });
  const list = data?.organization.pipeline?.opportunities;
  return (
    <div className="drill" aria-live="polite">
      <h3>{words(stage)} deals</h3>
      <ErrorNote error={error} />
      {!list ? (
        <Loading what="deals" />
      ) : list.edges.length === 0 ? (
        <Empty>No deals in this stage.</Empty>
      ) : (
        <ul className="plain">
          {list.edges.map(({ node }) => (
            <li key={node.id}>
              {node.title} {node.prospectName && <span className="muted">· {node.prospectName}</span>} ·{" "}
              {formatMoney(node.amount, currency)}{" "}
              <small className="muted">closes {formatDate(node.expectedCloseAt)}</small>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function goalValue(goal: Pick<Goal, "metric">, value: number) {
  return goal.metric === "WON_DEALS" ? `${value} deals` : formatMoney(value);
}

function Goals({ partner, canDecide, canPropose }: { partner: Partner; canDecide: boolean; canPropose: boolean }) {
  const [agreed, agree] = useMutation(AgreeJointGoalDocument);
  const [declined, decline] = useMutation(DeclineJointGoalDocument);
  const goals = partner.jointGoals;
  return (
    <section className="card" aria-labelledby="goals-title">
      <h2 id="goals-title">Joint goals</h2>
      <ErrorNote error={agreed.error ?? declined.error} />
      {!goals ? (
        <Empty>Goals are not available right now.</Empty>
      ) : goals.length === 0 ? (
        <Empty>No joint goals yet.</Empty>
      ) : (
        <ul className="plain goals" aria-label="Joint goals">
          {goals.map((goal) => {
            const share = goal.target > 0 ? Math.min(100, Math.round((100 * goal.progress) / goal.target)) : 0;
            return (
              <li key={goal.id} aria-label={`${words(goal.metric)} goal`}>
                <div className="goal-head">
                  <strong>
                    {words(goal.metric)}: {goalValue(goal, goal.target)}
                  </strong>
                  <span className={`chip status-${goal.status.toLowerCase()}`}>{words(goal.status)}</span>
                  {goal.achieved && <span className="chip status-active">Met</span>}
                </div>
                <small className="muted">
                  {formatDate(goal.periodStart)} – {formatDate(goal.periodEnd)}
                  {goal.reward && ` · reward: ${goal.reward.amount} ${words(goal.reward.kind).toLowerCase()}`}
                </small>
                <div
                  className="progress"
                  role="progressbar"
                  aria-label={`${words(goal.metric)} progress`}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={share}
                >
                  <span style={{ width: `${share}%` }} />
                </div>
                <small>
                  {goalValue(goal, goal.progress)} of {goalValue(goal, goal.target)} ({share}%)
                </small>
                {canDecide && goal.status === "PROPOSED" && (
                  <div className="actions">
                    <button type="button" className="primary" onClick={() => void agree({ id: goal.id })}>
                      Agree
                    </button>
                    <button type="button" onClick={() => void decline({ id: goal.id })}>
                      Decline
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {canPropose && <ProposeGoal partnerId={partner.id} />}
    </section>
  );
}

function ProposeGoal({ partnerId }: { partnerId: string }) {
  const year = new Date().getUTCFullYear();
  // Named as the API names the fields (reward.kind, reward.amount), so a complaint lands beside its input.
  const form = useFormState({
    metric: "BOOKINGS",
    target: "",
    periodStart: `${year}-01-01`,
    periodEnd: `${year}-12-31`,
    kind: "REBATE",
    amount: "",
  });
  const [result, propose] = useMutation(ProposeJointGoalDocument);
  const { values } = form;
  const submit = () =>
    void propose({
      input: {
        partnerId,
        metric: values.metric as "BOOKINGS",
        target: Number(values.target),
        periodStart: new Date(`${values.periodStart}T00:00:00Z`).toISOString(),
        periodEnd: new Date(`${values.periodEnd}T23:59:59Z`).toISOString(),
        reward: { kind: values.kind as "REBATE", amount: Number(values.amount) },
      },
    });
  return (
    <MutationForm
      form={form}
      result={result}
      label="Propose a goal"
      heading={<h3>Propose a goal</h3>}
      submitLabel="Propose goal"
      onSubmit={submit}
      done={result.data && "Goal proposed; the partner is asked to agree."}
      className="stack propose"
    >
      <FormSelect
        name="metric"
        label="Metric"
        options={["BOOKINGS", "PIPELINE", "WON_DEALS"].map((m) => ({ value: m, label: words(m) }))}
      />
      <FormField name="target" label="Target" type="number" min="0" step="any" required />
      <FormField name="periodStart" label="From" type="date" required />
      <FormField name="periodEnd" label="To" type="date" required />
      <FormSelect
        name="kind"
        label="Reward"
        options={["REBATE", "POINTS"].map((k) => ({ value: k, label: words(k) }))}
      />
      <FormField name="amount" label="Reward amount" type="number" min="0" step="any" required />
    </MutationForm>
  );
}
