import type DataLoader from "dataloader";
import type { DataSource, EntityTarget, ObjectLiteral, Repository } from "typeorm";
import type { AccessDecision, DataArea } from "./access";
import { isAccountAdministrator, type Caller } from "./caller";
import type { DirectoryChange } from "./directory";
import { ForbiddenError, UnauthenticatedError } from "./errors";
import { LoaderRegistry } from "./loaders";
import { logger, type Log } from "./logger";
import { currentScope } from "./observability/scope";

/** Everything a resolver or service may use for one request. */
export class RequestContext {
  readonly loaders = new LoaderRegistry();
  private readonly scope = currentScope();
  private readonly services = new Map<Function, unknown>();
  /** Organizations the caller made in this request (sign-up), before their context knows them. */
  private readonly createdOrganizations = new Set<string>();
  /** Who this request changed in the directory (identity): announced to the gateway in the response. */
  directoryChange: DirectoryChange | null = null;
  /** Customers this request found the caller's partner connected to, with the areas their consent shares
   * (connections): granted in the response. */
  readonly vouched = new Map<string, DataArea[]>();
  private readonly granted: ReadonlyMap<string, DataArea[]>;

  constructor(
    readonly requestId: string,
    readonly caller: Caller | null,
    readonly dataSource: DataSource,
    private readonly accessDecision: AccessDecision,
    /** Customers (and areas) connections vouched for earlier in this same request (verified grants, kit access.ts). */
    granted: ReadonlyMap<string, DataArea[]> = new Map(),
  ) {
    this.granted = granted;
  }

  /** This request's logger: its lines carry the request id and the service. */
  get log(): Log {
    return this.scope?.log ?? logger;
  }

  /** The signed-in person, or UNAUTHENTICATED. */
  requireCaller(): Caller {
    if (!this.caller) throw new UnauthenticatedError();
    return this.caller;
  }

  /** The organization the caller acts as, or FORBIDDEN when they have none yet. */
  requireOrganization(): string {
    const caller = this.requireCaller();
    if (!caller.organizationId)
      throw new ForbiddenError("You belong to no organization yet: register one or accept an invitation");
    return caller.organizationId;
  }

  /** The acting organization, when the caller administers it (isAccountAdministrator); FORBIDDEN with `refusal` otherwise. */
  requireAccountAdministrator(refusal: string): string {
    const organizationId = this.requireOrganization();
    if (!isAccountAdministrator(this.requireCaller())) throw new ForbiddenError(refusal);
    return organizationId;
  }

  /** The caller, when they administer the vendor's own organization; FORBIDDEN with `refusal` otherwise. */
  requireVendorAdmin(refusal: string): Caller {
    const caller = this.requireCaller();
    if (!caller.isVendorAdmin) throw new ForbiddenError(refusal);
    return caller;
  }

  repository<T extends ObjectLiteral>(target: EntityTarget<T>): Repository<T> {
    return this.dataSource.getRepository(target);
  }

  /** One instance of a service per request, so its loaders are shared by every resolver. */
  use<T>(Service: new (context: RequestContext) => T): T {
    let service = this.services.get(Service) as T | undefined;
    if (!service) {
      service = new Service(this);
      this.services.set(Service, service);
    }
    return service;
  }

  loader<K, V>(name: string, batch: (keys: readonly K[]) => Promise<ArrayLike<V | Error>>): DataLoader<K, V> {
    return this.loaders.get(name, batch);
  }

  /**
   * The areas of the customer the caller's acting organization sees as a badged partner with an ACTIVE
   * connection (what the customer's consent shares now), or null when it is no such partner.
   */
  private async partnerAreasOf(customerId: string): Promise<DataArea[] | null> {
    const caller = this.caller;
    if (!caller?.organizationId || !caller.isPartner) return null;
    const granted = this.granted.get(customerId);
    if (granted) return granted;
    const partnerId = caller.organizationId;
    const loader = this.loader<string, DataArea[] | null>("access", async (customerIds) => {
      const connected = await this.accessDecision(partnerId, [...customerIds]);
      return customerIds.map((id) => connected.get(id) ?? null);
    });
    return loader.load(customerId);
  }

  /** Whether the caller's acting organization is a badged partner with an ACTIVE connection to the customer. */
  async isConnectedPartnerOf(customerId: string): Promise<boolean> {
    return (await this.partnerAreasOf(customerId)) !== null;
  }

  /** Its own people, administrators acting as it, the vendor's administrators, and whoever just created it. */
  private seesAsItself(organizationId: string): boolean {
    const caller = this.caller;
    return (
      !!caller &&
      (caller.organizationId === organizationId ||
        caller.isVendorAdmin ||
        this.createdOrganizations.has(organizationId))
    );
  }

  /**
   * The connections subgraph has just read these customers' ACTIVE connections to the caller's partner for this
   * request, and the areas their consent shares: the response grants them, so the request's later fetches need
   * not ask again.
   */
  vouchConnected(customers: Iterable<[customerId: string, areas: DataArea[]]>): void {
    if (!this.caller?.organizationId || !this.caller.isPartner) return;
    for (const [customerId, areas] of customers) this.vouched.set(customerId, areas);
  }

  /**
   * Who may read an organization's data: its own people (or administrators acting as it),
   * the vendor's administrators, and badged partners connected to it.
   */
  async canSeeOrganization(organizationId: string): Promise<boolean> {
    if (!this.caller) return false;
    if (this.seesAsItself(organizationId)) return true;
    return this.isConnectedPartnerOf(organizationId);
  }

  /**
   * Who may read one area of an organization's data (its orders, tickets…): as canSeeOrganization, but a
   * connected partner only when the customer's consent shares that area now.
   */
  async canSeeArea(organizationId: string, area: DataArea): Promise<boolean> {
    if (!this.caller) return false;
    if (this.seesAsItself(organizationId)) return true;
    return (await this.partnerAreasOf(organizationId))?.includes(area) ?? false;
  }

  /** FORBIDDEN, saying which area, unless the caller may read that area of the organization. */
  async assertCanSeeArea(organizationId: string, area: DataArea): Promise<void> {
    this.requireCaller();
    if (await this.canSeeArea(organizationId, area)) return;
    if (await this.isConnectedPartnerOf(organizationId))
      throw new ForbiddenError(`${organizationId} does not share its ${area.toLowerCase()} with your organization`);
    throw new ForbiddenError(`You may not see organization ${organizationId}`);
  }

  /** Records that this request changed people's or organizations' standing, for the gateway's caller cache. */
  noteDirectoryChange(change: Partial<DirectoryChange>): void {
    const noted = (this.directoryChange ??= { userIds: [], organizationIds: [] });
    for (const id of change.userIds ?? []) if (!noted.userIds.includes(id)) noted.userIds.push(id);
    for (const id of change.organizationIds ?? [])
      if (!noted.organizationIds.includes(id)) noted.organizationIds.push(id);
  }

  /** The caller has just created this organization, so they may read what the mutation returns. */
  markCreatedOrganization(organizationId: string): void {
    this.createdOrganizations.add(organizationId);
  }

  async assertCanSeeOrganization(organizationId: string): Promise<void> {
    this.requireCaller();
    if (!(await this.canSeeOrganization(organizationId)))
      throw new ForbiddenError(`You may not see organization ${organizationId}`);
  }
}
