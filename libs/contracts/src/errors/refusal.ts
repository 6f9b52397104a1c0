/**
 * Refusals as codes: what a rule refused and the values its sentence needs, so each screen words it in its
 * reader's language. The English `message` beside it is for logs and api users; no screen reads it.
 *
 * One list per subdomain; a code is `<subdomain>.<rule>`. The web's spec checks that every code has a
 * sentence in Bahasa Indonesia and in English, so a code added here without its translation fails there.
 */
export const refusalCodes = {
  /** Who may do what: the api's route policies, every service's contract policies, the funding rules. */
  access: [
    'csrf_token_wrong',
    'route_closed',
    'role_may_not_do_this',
    'role_in_partnership_may_not_do_this',
    'partner_own_organisation_only',
    'auditor_only_reads',
    'coordinators_only',
    'coordinator_or_organisation_concerned',
  ],
  api: [
    'wrong_credentials',
    'email_taken',
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
    'already_approved',
    'approved_request_paid',
    'commitment_reversed',
    'commitments_past_exact_sum',
    'entry_already_reversed',
    'entry_not_reversible',
    'expenditure_exceeds_payment',
    'in_kind_not_received',
    'line_above_ceiling',
    'no_cash_to_sector',
    'not_a_budget_line',
    'organisation_not_registered',
    'payer_has_no_share',
    'payer_not_fund_holder',
    'payer_not_line_organisation',
    'payer_required_in_co_funding',
    'payment_reversed',
    'plan_drops_requested_line',
    'plan_fixed_once_received',
    'plan_line_below_requested',
    'plan_missing',
    'plan_share_below_paid',
    'plan_takes_back_held_budget',
    'receipt_awaits_release',
    'receipt_exceeds_commitment',
    'request_already_paid',
    'request_exceeds_budget_line',
    'request_exceeds_fund',
    'request_exceeds_share',
    'request_needs_approvals',
    'request_reversed',
    'requester_may_not_approve',
    'reverse_expenditures_first',
    'reverse_payment_first',
    'reverse_receipts_first',
    'reverse_requests_first',
    'tranche_already_released',
    'tranche_awaits_report',
    'tranche_not_results_based',
    'idempotency_key_reused',
    'ledger_changed_meanwhile',
  ],
  monitoring: [
    'baseline_fixed',
    'report_awaits_review',
    'report_already_reviewed',
    'publication_withdrawn',
    'evaluation_completed',
    'already_assessed',
    'panel_incomplete',
    'member_not_assessed',
    'idempotency_key_reused',
  ],
  lifecycle: [
    'already_lead',
    'already_partner',
    'auditors_never_decide',
    'coordinator_or_partner_itself',
    'coordinators_only',
    'gate_not_open',
    'gate_not_ready',
    'idempotency_key_reused',
    'inclusiveness_initiation_only',
    'lead_cannot_withdraw',
    'lone_surrogate',
    'maturation_only',
    'mou_party_not_joining',
    'mou_party_required',
    'new_lead_only',
    'no_transfer_pending',
    'not_a_partner',
    'not_paused',
    'nothing_to_approve',
    'partners_only',
    'partnership_ended',
    'partnership_paused',
    'question_other_stage',
    'task_fact_unmet',
    'task_other_stage',
    'unknown_question',
    'unknown_task',
  ],
  stakeholders: [
    'changed_since',
    'already_in_map',
    'not_registered',
    'registration_contested',
    'likely_duplicate',
    'region_unknown',
    'region_names_disagree',
    'still_representing',
    'acts_for_another',
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
