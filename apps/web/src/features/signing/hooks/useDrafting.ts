import type { AgreementKind } from '@mitra/contracts';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useRef } from 'react';
import { fetchMonitoringPlan, monitoringPlanKey } from '#shared/monitoring';
import { organisationQuery } from '#shared/organisations';
import { useLifecycleState, usePartnershipAccounts } from '#shared/partnerships';
import {
  cancelSigningRound,
  agreementKeys,
  createAgreement,
  fetchPerson,
  fetchRepresentatives,
  fetchTemplates,
  openSigningRound,
  partnershipAgreementsKey,
  prefillKeys,
  reviseAgreement,
  templatesKey,
} from '../api/agreements-api';
import { prefillDraft, type AgreementFieldsDraft, type DraftFormValues } from '../model/draft-form';
import { toOpenSigningInput, type OpenSigningValues } from '../model/signing-round';

/** The templates change only with a release of the agreements service. */
export const useTemplates = () =>
  useQuery({ queryKey: templatesKey, queryFn: ({ signal }) => fetchTemplates(signal), staleTime: Infinity });

/**
 * The starting values of a new draft. Only the partnership itself is needed; its representatives,
 * their people and the monitoring plan fill in more when they can be read, and are waited for once.
 */
export function useDraftPrefill(partnershipId: string) {
  const state = useLifecycleState(partnershipId);
  const representatives = useQuery({
    queryKey: prefillKeys.representatives(partnershipId),
    queryFn: ({ signal }) => fetchRepresentatives(partnershipId, signal),
    retry: false,
  });
  const accounts = usePartnershipAccounts(partnershipId);
  const plan = useQuery({
    queryKey: monitoringPlanKey(partnershipId),
    queryFn: ({ signal }) => fetchMonitoringPlan(partnershipId, signal),
    retry: false,
  });
  const organisationIds = (state.data?.partners ?? []).map((partner) => partner.organisationId);
  const organisations = useQueries({ queries: organisationIds.map(organisationQuery) });
  const people = useQueries({
    queries: (representatives.data ?? []).map(({ personId }) => ({
      queryKey: prefillKeys.person(personId),
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchPerson(personId, signal),
      staleTime: 5 * 60_000,
      retry: false,
    })),
  });

  const settled =
    state.data !== undefined &&
    !representatives.isPending &&
    !plan.isPending &&
    !accounts.isPending &&
    organisations.every((query) => !query.isPending) &&
    people.every((query) => !query.isPending);
  // Computed once, when everything has answered: later refetches must not reset what the coordinator typed.
  const first = useRef<DraftFormValues | undefined>(undefined);
  if (settled && !first.current) {
    first.current = prefillDraft({
      partnership: state.data,
      organisations: organisations.flatMap((query) => (query.data ? [query.data] : [])),
      representatives: representatives.data ?? [],
      people: people.flatMap((query) => (query.data ? [query.data] : [])),
      plan: plan.data,
      accounts: accounts.data ?? [],
    });
  }
  return {
    values: first.current,
    partnership: state.data,
    accounts: accounts.data ?? [],
    error: state.error,
    refetch: state.refetch,
  };
}

function useRefreshAgreement() {
  const queryClient = useQueryClient();
  return useCallback(
    (partnershipId: string, agreementId: string) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: agreementKeys.agreement(agreementId), exact: true }),
        queryClient.invalidateQueries({ queryKey: agreementKeys.liveAgreement(partnershipId, agreementId) }),
        queryClient.invalidateQueries({ queryKey: partnershipAgreementsKey(partnershipId), exact: true }),
      ]),
    [queryClient],
  );
}

// The drafting forms give the idempotency key of their submission (`useCommandForm`).
export function useCreateAgreement(partnershipId: string) {
  const refresh = useRefreshAgreement();
  return useMutation({
    mutationFn: ({
      kind,
      fields,
      idempotencyKey,
    }: {
      kind: AgreementKind;
      fields: AgreementFieldsDraft;
      idempotencyKey: string;
    }) => createAgreement({ kind, partnershipId, fields }, idempotencyKey),
    onSuccess: (agreement) => refresh(partnershipId, agreement.id),
  });
}

export function useReviseAgreement(partnershipId: string, agreementId: string) {
  const refresh = useRefreshAgreement();
  return useMutation({
    mutationFn: ({
      baseVersion,
      fields,
      idempotencyKey,
    }: {
      baseVersion: number;
      fields: AgreementFieldsDraft;
      idempotencyKey: string;
    }) => reviseAgreement(agreementId, { baseVersion, fields }, idempotencyKey),
    onSuccess: () => refresh(partnershipId, agreementId),
  });
}

/** Reads the agreement again, e.g. after someone else's revision came first. */
export function useReloadAgreement(partnershipId: string, agreementId: string) {
  const refresh = useRefreshAgreement();
  return () => refresh(partnershipId, agreementId);
}

export function useOpenSigning(partnershipId: string, agreementId: string) {
  const refresh = useRefreshAgreement();
  return useMutation({
    mutationFn: ({
      versionNumber,
      values,
      idempotencyKey,
    }: {
      versionNumber: number;
      values: OpenSigningValues;
      idempotencyKey: string;
    }) => openSigningRound(agreementId, toOpenSigningInput(versionNumber, values), idempotencyKey),
    onSettled: () => refresh(partnershipId, agreementId),
  });
}

/** The template of a kind, in the order the api lists them. */
export function useTemplate(kind: AgreementKind) {
  const templates = useTemplates();
  const template = useMemo(
    () => templates.data?.find((candidate) => candidate.kind === kind),
    [templates.data, kind],
  );
  return { templates, template };
}

/** The coordinator ends the open round with a reason; a membership change queued behind it opens next. */
export function useCancelRound(partnershipId: string, agreementId: string) {
  const refresh = useRefreshAgreement();
  return useMutation({
    mutationFn: ({
      roundNumber,
      reason,
      idempotencyKey,
    }: {
      roundNumber: number;
      reason: string;
      idempotencyKey: string;
    }) => cancelSigningRound(agreementId, roundNumber, { reason: reason.trim() }, idempotencyKey),
    onSettled: () => refresh(partnershipId, agreementId),
  });
}
