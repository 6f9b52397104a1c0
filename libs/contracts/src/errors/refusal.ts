/**
 * Refusals as codes: what a rule refused and the values its sentence needs, so each screen words it in its
 * reader's language. The English `message` beside it is for logs and api users; no screen reads it.
 *
 * One list per subdomain; a code is `<subdomain>.<rule>`. The web's spec checks that every code has a
 * sentence in Bahasa Indonesia and in English, so a code added here without its translation fails there.
 */
export const refusalCodes = {
  access: [
    'sign_in_first',
    'wrong_credentials',
    'too_many_sign_ins',
    'email_taken',
    'role_may_not',
    'not_a_member',
    'message_unproven',
    'evidence_bundle_too_big',
    'iati_needs_lead',
    'idempotency_key_reused',
  ],
  agreements: [
    'not_found',
    'version_not_found',
    'role_may_not_do_this',
    'not_own_organisation',
    'partner_edits_other_party',
    'no_change',
    'stale_base_version',
    'signing_open',
    'already_effective',
    'not_effective',
    'not_latest_version',
    'bad_signing_setup',
    'round_not_open',
    'round_expired',
    'not_a_party',
    'out_of_order',
    'already_signed',
    'already_declined',
    'key_not_enrolled',
    'key_not_signatorys',
    'key_enrolled_elsewhere',
    'key_revoked',
    'invalid_public_key',
    'hash_of_another_version',
    'signature_invalid',
    'idempotency_key_reused',
    'concurrent_change',
  ],
  funding: [
    'plan_missing',
    'plan_takes_back_held_budget',
    'plan_change_blocked',
    'commitment_reversed',
    'in_kind_not_received',
    'receipt_exceeds_commitment',
    'receipt_blocked',
    'request_exceeds_budget_line',
    'request_blocked',
    'request_exceeds_fund',
    'request_reversed',
    'request_already_paid',
    'requester_may_not_approve',
    'already_approved',
    'payment_blocked',
    'payment_reversed',
    'expenditure_exceeds_payment',
    'entry_already_reversed',
    'entry_not_reversible',
    'tranche_not_results_based',
    'tranche_already_released',
    'tranche_blocked',
    'role_may_not',
    'idempotency_key_reused',
  ],
  monitoring: [
    'role_may_not',
    'baseline_fixed',
    'report_awaits_review',
    'report_locked',
    'publication_withdrawn',
    'evaluation_completed',
    'already_assessed',
    'panel_incomplete',
    'idempotency_key_reused',
  ],
  lifecycle: [
    'auditors_never_decide',
    'coordinators_only',
    'partners_only',
    'new_lead_only',
    'partnership_ended',
    'partnership_paused',
    'gate_not_open',
    'gate_not_ready',
    'nothing_to_approve',
    'task_other_stage',
    'task_fact_unmet',
    'question_other_stage',
    'inclusiveness_initiation_only',
    'maturation_only',
    'no_transfer_pending',
    'already_partner',
    'not_a_partner',
    'lead_cannot_withdraw',
    'not_paused',
    'idempotency_key_reused',
  ],
  stakeholders: [
    'role_may_not',
    'version_conflict',
    'registration_contested',
    'already_acts_for_another',
    'duplicate_organisation',
    'idempotency_key_reused',
  ],
} as const;

export type RefusalSubdomain = keyof typeof refusalCodes;
export type RefusalCode = {
  [S in RefusalSubdomain]: `${S}.${(typeof refusalCodes)[S][number]}`;
}[RefusalSubdomain];

export const allRefusalCodes: readonly RefusalCode[] = Object.entries(refusalCodes).flatMap(
  ([subdomain, codes]) => codes.map((code) => `${subdomain}.${code}` as RefusalCode),
);

/** What a sentence needs: amounts as numbers (Rupiah), dates as ISO strings, names and ids as strings. */
export type RefusalParams = Record<string, string | number | string[]>;

/** A rule's refusal, as it crosses NATS and HTTP in an ErrorBody. */
export interface Refusal {
  code: RefusalCode;
  params?: RefusalParams;
}

/**
 * The codes of a field error: zod's issue codes (`too_small` with `minimum`, `invalid_value` with `options`…),
 * `required` for a missing value, `not_allowed` for a field the contract does not name, and ours for our own
 * refinements (`text.control_characters`). A field error's params carry what its sentence needs.
 */
export const fieldErrorCodes = [
  'required',
  'not_allowed',
  'invalid_type',
  'too_small',
  'too_big',
  'invalid_format',
  'not_multiple_of',
  'invalid_union',
  'invalid_key',
  'invalid_element',
  'invalid_value',
  'custom',
  'text.lone_surrogate',
  'text.control_characters',
  'text.bidi_controls',
] as const;
export type FieldErrorCode = (typeof fieldErrorCodes)[number];
