/**
 * The audit trail's actions: one for each mutation of the API (scripts/test/audit-actions.test.ts walks the
 * supergraph's Mutation fields and holds every one to an entry here and to a recordAudit in its subgraph).
 * A bulk job's items record the action of the mutation they stand for.
 */
export const AUDIT_ACTIONS = {
  // identity
  registerOrganization: "organization.register",
  inviteAdministrator: "administrator.invite",
  acceptAdministratorInvitation: "administrator.accept",
  declineAdministratorInvitation: "administrator.decline",
  revokeAdministratorGrant: "administrator.revoke",
  recordCertification: "certification.record",
  grantProgramMembership: "program.grant",
  revokeProgramMembership: "program.revoke",
  setReminderSettings: "reminders.set",
  // connections
  startBulkJob: "bulk-job.start",
  setPartnerConsent: "consent.set",
  acceptPartnerInvitation: "connection.accept",
  terminateConnection: "connection.terminate",
  addCustomer: "customer.add",
  // entitlements
  placeOrder: "order.place",
  registerToResell: "resell.register",
  approveResellRegistration: "resell.approve",
  declineResellRegistration: "resell.decline",
  withdrawResellRegistration: "resell.withdraw",
  revokeResellRegistration: "resell.revoke",
  announcePriceChange: "price-change.announce",
  createJointGoal: "goal.create",
  agreeJointGoal: "goal.agree",
  declineJointGoal: "goal.decline",
  registerOpportunity: "opportunity.register",
  moveOpportunity: "opportunity.move",
  requestTrial: "trial.request",
  addService: "service.add",
  approveTrial: "trial.approve",
  declineTrial: "trial.decline",
  // support
  createPartnerSupportAgreement: "support-agreement.create",
  nameSupportContact: "support-contact.name",
  removeSupportContact: "support-contact.remove",
  purchaseIncidentPack: "incident-pack.purchase",
  openPartnerSupportCase: "partner-case.open",
  markSupportCaseProductBug: "partner-case.mark-bug",
  requestCaseReview: "partner-case.request-review",
  nameContact: "contact.name",
  removeContact: "contact.remove",
  dismissNotification: "notification.dismiss",
  openTicket: "ticket.open",
  setTicketStatus: "ticket.set-status",
  // webhooks
  createWebhook: "webhook.create",
  rotateWebhookSecret: "webhook.rotate-secret",
  deleteWebhook: "webhook.delete",
  replayWebhook: "webhook.replay",
} as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS];
export const AUDIT_ACTION_NAMES: readonly AuditAction[] = [...new Set(Object.values(AUDIT_ACTIONS))];
