package dev.arbiter.marketplace.account.service;

import dev.arbiter.marketplace.account.model.Account;
import dev.arbiter.marketplace.account.model.Invitation;
import dev.arbiter.marketplace.account.model.Organization;
import dev.arbiter.marketplace.account.model.Role;
import dev.arbiter.marketplace.account.repository.AccountRepository;
import dev.arbiter.marketplace.account.repository.InvitationRepository;
import dev.arbiter.marketplace.account.repository.OrganizationRepository;
import dev.arbiter.platform.events.Envelopes;
import dev.arbiter.platform.events.Topics;
import dev.arbiter.platform.outbox.OutboxWriter;
import dev.arbiter.platform.problem.ApiProblem;
import dev.arbiter.proto.accounts.v1.ExpertRegistered;
import dev.arbiter.proto.accounts.v1.LabMemberRegistered;
import dev.arbiter.proto.common.v1.EventEnvelope;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** Registration, login and lab invitations: who may have an account, and in which organization. */
@ApplicationScoped
public class AccountService {

    static final String PRODUCER = "marketplace-api";
    private static final String INVITATION_CODE = "invitationCode";

    private final AccountRepository accounts;
    private final OrganizationRepository organizations;
    private final InvitationRepository invitations;
    private final PasswordHasher hasher;
    private final TokenService tokens;
    private final OutboxWriter outbox;
    private final AuthConfig config;

    public AccountService(AccountRepository accounts, OrganizationRepository organizations,
                          InvitationRepository invitations, PasswordHasher hasher, TokenService tokens,
                          OutboxWriter outbox, AuthConfig config) {
        this.accounts = accounts;
        this.organizations = organizations;
        this.invitations = invitations;
        this.hasher = hasher;
        this.tokens = tokens;
        this.outbox = outbox;
        this.config = config;
    }

    public static String normalizeEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Creates an expert or a lab member. A lab member either founds a new organization (its name is
     * free) or joins an existing one with an invitation code from one of its members: naming an
     * existing organization is never enough to join it.
     */
    public Uni<Account> register(Registration request) {
        if (request.role() == Role.LAB && (request.organization() == null || request.organization().isBlank())) {
            return Uni.createFrom().failure(ApiProblem.validation("organization", "is required for role LAB"));
        }
        if (request.role() == Role.EXPERT && request.organization() != null) {
            return Uni.createFrom().failure(ApiProblem.validation("organization", "must be absent for role EXPERT"));
        }
        // Hash before the transaction opens: the slow part holds no connection.
        return hasher.hash(request.password()).chain(hash -> create(request, hash));
    }

    @WithTransaction
    Uni<Account> create(Registration request, String passwordHash) {
        String email = normalizeEmail(request.email());
        return accounts.findByEmail(email).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(ApiProblem.conflict("email-taken", "An account with this email already exists"));
            }
            Account account = Account.create(email, passwordHash, request.displayName().trim(), request.role());
            if (account.role == Role.EXPERT) {
                return accounts.persist(account).call(saved -> announceExpert(saved));
            }
            return organizationFor(request, account.id).chain(organization -> {
                account.organizationId = organization.id;
                // Flushed at once: spending the invitation is a bulk update that must see this row.
                return accounts.persistAndFlush(account).call(saved -> announceLabMember(saved, organization))
                        .call(saved -> spendInvitation(request, saved));
            });
        });
    }

    private Uni<Organization> organizationFor(Registration request, UUID accountId) {
        String name = request.organization().trim();
        return organizations.findByName(name).chain(existing -> {
            if (existing == null) {
                if (request.invitationCode() != null) {
                    return Uni.createFrom().failure(ApiProblem.validation(INVITATION_CODE,
                            "must be absent when founding an organization: a code joins the organization that issued it"));
                }
                return organizations.persist(Organization.named(name));
            }
            if (request.invitationCode() == null) {
                return Uni.createFrom().failure(ApiProblem.conflict("organization-exists",
                        "Organization '" + existing.name + "' exists; ask one of its members for an invitation code"));
            }
            return invitations.findByCodeHash(SecretCodes.digest(request.invitationCode())).chain(invitation -> {
                if (invitation == null || !invitation.organizationId.equals(existing.id)
                        || invitation.usedAt != null || invitation.expiresAt.isBefore(Instant.now())) {
                    return Uni.createFrom().failure(ApiProblem.validation(INVITATION_CODE,
                            "must be an unused, unexpired code from a member of '" + existing.name + "'"));
                }
                return Uni.createFrom().item(existing);
            });
        });
    }

    private Uni<Void> spendInvitation(Registration request, Account account) {
        if (request.invitationCode() == null) {
            return Uni.createFrom().voidItem();
        }
        return invitations.findByCodeHash(SecretCodes.digest(request.invitationCode()))
                .chain(invitation -> invitations.spend(invitation.id, account.id, Instant.now()))
                .chain(spent -> spent ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(ApiProblem.validation(INVITATION_CODE,
                                "must be an unused code; this one was used a moment ago")));
    }

    private Uni<Void> announceExpert(Account account) {
        EventEnvelope envelope = Envelopes.newEnvelope(PRODUCER, account.id.toString())
                .setExpertRegistered(ExpertRegistered.newBuilder()
                        .setExpertId(account.id.toString())
                        .setEmail(account.email)
                        .setDisplayName(account.displayName))
                .build();
        return outbox.append(Topics.ACCOUNTS, envelope);
    }

    private Uni<Void> announceLabMember(Account account, Organization organization) {
        EventEnvelope envelope = Envelopes.newEnvelope(PRODUCER, account.id.toString())
                .setLabMemberRegistered(LabMemberRegistered.newBuilder()
                        .setAccountId(account.id.toString())
                        .setEmail(account.email)
                        .setDisplayName(account.displayName)
                        .setOrganizationId(organization.id.toString())
                        .setOrganizationName(organization.name))
                .build();
        return outbox.append(Topics.ACCOUNTS, envelope);
    }

    /** Checks the password (in constant-ish time whether or not the email exists) and issues tokens. */
    public Uni<IssuedTokens> login(String email, String password) {
        return findByEmail(normalizeEmail(email))
                .chain(account -> hasher.matches(password, account == null ? null : account.passwordHash)
                        .chain(matches -> {
                            if (!matches) {
                                return Uni.createFrom().failure(ApiProblem.unauthorized("Wrong email or password"));
                            }
                            if (account.disabledAt != null) {
                                return Uni.createFrom().failure(ApiProblem.forbidden("This account is disabled"));
                            }
                            return issueTokens(account);
                        }));
    }

    @WithSession
    Uni<Account> findByEmail(String email) {
        return accounts.findByEmail(email);
    }

    @WithTransaction
    Uni<IssuedTokens> issueTokens(Account account) {
        return tokens.issue(account);
    }

    @WithSession
    public Uni<Account> get(UUID id) {
        return accounts.findById(id).onItem().ifNull().failWith(() -> ApiProblem.unauthorized("The account no longer exists"));
    }

    @WithSession
    public Uni<Organization> organization(UUID id) {
        return id == null ? Uni.createFrom().nullItem() : organizations.findById(id);
    }

    /** A one-time code a lab member gives a colleague, valid for a week. */
    @WithTransaction
    public Uni<IssuedInvitation> invite(UUID labMemberId) {
        return accounts.findById(labMemberId).chain(member -> {
            if (member == null || member.organizationId == null) {
                return Uni.createFrom().failure(ApiProblem.forbidden("Only members of an organization can invite"));
            }
            String code = SecretCodes.newCode();
            Invitation invitation = new Invitation();
            invitation.id = UUID.randomUUID();
            invitation.organizationId = member.organizationId;
            invitation.codeHash = SecretCodes.digest(code);
            invitation.createdBy = member.id;
            invitation.expiresAt = Instant.now().plus(config.invitationTtl());
            return invitations.persist(invitation)
                    .map(saved -> new IssuedInvitation(code, saved.organizationId, saved.expiresAt));
        });
    }
}
