/** The roles a person can hold on a notice, as the API names them in notices, members and sharing. */
import { z } from 'zod'

/** The roles, from most to least powerful. */
export const ROLES = ['owner', 'editor', 'reviewer', 'viewer'] as const

/** One of {@link ROLES}. */
export type Role = (typeof ROLES)[number]

/** Whether `value` is one of {@link ROLES}. */
export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role)

/** A role on the wire. */
export const roleSchema = z.enum(ROLES)
