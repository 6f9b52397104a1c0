import { z } from 'zod';
import { defineQuery } from '../common/contract';

export const serviceNames = ['stakeholders', 'agreements', 'funding', 'monitoring'] as const;
export type ServiceName = (typeof serviceNames)[number];

export const healthSubject = (service: ServiceName) => `${service}.health.check` as const;

export const dependencyStatusSchema = z.enum(['up', 'down']);
export type DependencyStatus = z.infer<typeof dependencyStatusSchema>;

/** What a service answers on `<service>.health.check`. */
export const serviceHealthSchema = z.object({
  service: z.enum(serviceNames),
  status: dependencyStatusSchema,
  database: z.object({ status: dependencyStatusSchema, latencyMs: z.number() }),
});
export type ServiceHealth = z.infer<typeof serviceHealthSchema>;

export const dependencyKinds = ['server', 'service', 'worker'] as const;

export const dependencyHealthSchema = z.object({
  name: z.string(),
  kind: z.enum(dependencyKinds),
  status: dependencyStatusSchema,
  latencyMs: z.number(),
  detail: z.string().optional(),
});
export type DependencyHealth = z.infer<typeof dependencyHealthSchema>;

/** `GET /api/v1/health`. */
export const healthReportSchema = z.object({
  status: z.enum(['up', 'degraded']),
  checkedAt: z.string(),
  dependencies: z.array(dependencyHealthSchema),
});
export type HealthReport = z.infer<typeof healthReportSchema>;

/** Each service's health check; the api bounds it by its own HEALTH_TIMEOUT_MS. */
export const healthContract = (service: ServiceName) =>
  defineQuery({
    subject: healthSubject(service),
    payload: z.strictObject({}),
    reply: serviceHealthSchema,
    access: 'public',
  });
