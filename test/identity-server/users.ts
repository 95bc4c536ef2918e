// The test users who can approve a sign-in, and the stores they staff.
import type { TestUserName } from './types.ts';

export interface TestUser {
  name: TestUserName;
  sub: string;
  email: string;
  /** Permanent *.myshopify.com hosts this user may develop on. */
  stores: readonly string[];
}

export const alice: TestUser = {
  name: 'alice',
  sub: '3f1f6d2e-7b9a-4a51-9c1e-5d0c2a8b7e11',
  email: 'alice@example.com',
  stores: ['shop-one.myshopify.com', 'shop-two.myshopify.com'],
};

export const bob: TestUser = {
  name: 'bob',
  sub: '8c2d4e6f-1a3b-4c5d-8e7f-9a0b1c2d3e44',
  email: 'bob@example.com',
  stores: ['bob-store.myshopify.com'],
};

export const USERS: Readonly<Record<TestUserName, TestUser>> = { alice, bob };

export const DEFAULT_USER: TestUser = alice;

/** A store nobody here staffs: an admin exchange for it answers invalid_target. */
export const UNSTAFFED_STORE = 'not-staff.myshopify.com';

/** Valid partners automation tokens (SHOPIFY_APP_AUTOMATION_TOKEN) until reconfigured. */
export const DEFAULT_AUTOMATION_TOKENS: readonly string[] = ['atkn_automation_test_0123456789abcdef'];

/** The sub recorded for app tokens minted from an automation token (no user behind them). */
export const AUTOMATION_SUB = 'automation';

export function isTestUserName(value: unknown): value is TestUserName {
  return typeof value === 'string' && Object.hasOwn(USERS, value);
}

export function staffs(user: TestUser, store: string): boolean {
  return user.stores.includes(store);
}
