import { Caller } from "@partnergraph/kit";
import { Databases } from "./databases";

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  organization_id: string | null;
  role: "ADMIN" | "MEMBER" | null;
}
interface MembershipRow {
  starts_at: Date;
  ends_at: Date | null;
  revoked_at: Date | null;
}

/**
 * The caller from the directory with the statements identity's caller route runs for a person acting as their
 * home organization: the user by subject, the organization, its memberships. (No sign-up, no grants: the
 * benchmark's people exist and act as themselves.)
 */
export async function monolithCaller(db: Databases, subject: string): Promise<Caller | null> {
  const [user] = await db.query<UserRow>(
    "identity",
    "SELECT id, subject, email, display_name, organization_id, role, created_at FROM `user` WHERE subject = ? LIMIT 1",
    [subject],
  );
  if (!user) return null;
  const [organizations, memberships] = user.organization_id
    ? await Promise.all([
        db.query<{ id: string; is_vendor: number }>(
          "identity",
          "SELECT id, name, country, is_vendor, created_at FROM organization WHERE id = ? LIMIT 1",
          [user.organization_id],
        ),
        db.query<MembershipRow>(
          "identity",
          "SELECT id, organization_id, program, tier, starts_at, ends_at, revoked_at, granted_by_user_id, created_at FROM program_membership WHERE organization_id = ?",
          [user.organization_id],
        ),
      ])
    : [[], []];
  const now = new Date();
  const organization = organizations[0];
  return {
    userId: user.id,
    email: user.email,
    displayName: user.display_name,
    homeOrganizationId: user.organization_id,
    organizationId: organization?.id ?? null,
    role: user.role,
    grantAccess: null,
    grantServiceCodes: [],
    isPartner: memberships.some((m) => !m.revoked_at && m.starts_at <= now && (!m.ends_at || m.ends_at > now)),
    isVendorAdmin: !!organization?.is_vendor && user.role === "ADMIN",
  };
}
