import * as fs from 'node:fs';
import * as path from 'node:path';
import 'reflect-metadata';
import * as contractsLibrary from '@mitra/contracts';
import { serviceContracts, type Contract, type Role } from '@mitra/contracts';
import { accessPolicyKey, type RoutePolicy } from './access-policy';

/**
 * One policy table for both doors: a route that forwards to a service admits exactly the roles of the
 * contract(s) it sends, so what the api lets through is what the services accept, and nothing the services
 * accept is closed at the api by accident. Read from the controllers themselves: each handler's policy (the
 * @Access metadata the AccessGuard enforces) and the contracts its code names.
 */
const contractGroups = Object.entries(contractsLibrary as Record<string, unknown>).filter(
  ([name, value]) => name.endsWith('Contracts') && typeof value === 'object' && value !== null,
) as Array<[string, Record<string, Contract>]>;

interface Route {
  name: string;
  policy: Exclude<RoutePolicy, 'public'>;
  contracts: Contract[];
}

function controllerFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return controllerFiles(full);
    return entry.name.endsWith('.controller.ts') ? [full] : [];
  });
}

async function routes(): Promise<Route[]> {
  const modules = await Promise.all(
    controllerFiles(path.join(__dirname, '..')).map(
      (file) => import(file) as Promise<Record<string, unknown>>,
    ),
  );
  return modules.flatMap((module) =>
    Object.values(module)
      .filter((value): value is new (...args: never[]) => object => typeof value === 'function')
      .flatMap((controller) =>
        Object.getOwnPropertyNames(controller.prototype).flatMap((method) => {
          const handler = (controller.prototype as Record<string, unknown>)[method];
          if (typeof handler !== 'function') return [];
          const policy = Reflect.getMetadata(accessPolicyKey, handler) as RoutePolicy | undefined;
          if (!policy || policy === 'public') return [];
          const source = String(handler);
          const contracts = contractGroups.flatMap(([group, contracts]) =>
            Object.entries(contracts)
              .filter(([name]) => new RegExp(`\\b${group}\\.${name}\\b`).test(source))
              .map(([, contract]) => contract),
          );
          return [{ name: `${controller.name}.${method}`, policy, contracts }];
        }),
      ),
  );
}

const sorted = (roles: readonly Role[]) => [...roles].sort();

describe('the api routes and the contracts they send: one policy table', () => {
  let all: Route[];
  let forwarding: Route[];
  beforeAll(async () => {
    all = await routes();
    forwarding = all.filter((route) => route.contracts.length > 0);
  });

  it('finds the routes and the contracts their handlers send', () => {
    expect(serviceContracts.length).toBeGreaterThan(50);
    expect(all.length).toBeGreaterThan(60);
    expect(forwarding.length).toBeGreaterThan(40);
  });

  it('admits on every route that sends one contract exactly the roles of that contract', () => {
    const mismatches = forwarding
      .filter((route) => route.contracts.length === 1 && route.contracts[0]!.access !== 'public')
      .flatMap(({ name, policy, contracts: [contract] }) => {
        const access = contract!.access as Exclude<Contract['access'], 'public'>;
        return JSON.stringify(sorted(policy.roles)) === JSON.stringify(sorted(access.roles))
          ? []
          : [
              `${name}: route ${sorted(policy.roles).join(',')} / ${contract!.subject} ${sorted(access.roles).join(',')}`,
            ];
      });
    expect(mismatches).toEqual([]);
  });

  it('admits on a route that sends several contracts no role one of them refuses', () => {
    const wider = forwarding
      .filter((route) => route.contracts.length > 1)
      .flatMap(({ name, policy, contracts }) =>
        contracts.flatMap((contract) => {
          if (contract.access === 'public') return [];
          const refused = policy.roles.filter(
            (role) => !(contract.access as { roles: readonly Role[] }).roles.includes(role),
          );
          return refused.length === 0 ? [] : [`${name}: ${refused.join(',')} refused by ${contract.subject}`];
        }),
      );
    expect(wider).toEqual([]);
  });
});
