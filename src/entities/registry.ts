import type { Entity, EntityKind, SurfaceForm } from './types';
import { ENTITY_KINDS } from './types';
import entitiesData from '../../data/entities.json';

const FORM_TYPES: readonly SurfaceForm['type'][] = ['name', 'acronym', 'short-name', 'description', 'hashtag'];

/** Thrown when data/entities.json (or a caller's list) does not fit src/entities/types.ts. */
export class EntityRegistryError extends Error {
  constructor(message: string) {
    super(`Entity registry: ${message}`);
    this.name = 'EntityRegistryError';
  }
}

function fail(where: string, what: string): never {
  throw new EntityRegistryError(`${where}: ${what}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(record: Record<string, unknown>, key: string, where: string): string {
  const value = record[key];
  if (typeof value !== 'string' || value.trim() === '') fail(where, `"${key}" must be a non-empty string`);
  return value;
}

function requireBoolean(record: Record<string, unknown>, key: string, where: string): boolean {
  const value = record[key];
  if (typeof value !== 'boolean') fail(where, `"${key}" must be true or false`);
  return value;
}

function validateForm(raw: unknown, where: string): SurfaceForm {
  if (!isRecord(raw)) fail(where, 'form must be an object');
  const type = raw.type;
  if (typeof type !== 'string' || !FORM_TYPES.includes(type as SurfaceForm['type'])) {
    fail(where, `"type" must be one of ${FORM_TYPES.join(', ')}`);
  }
  const form: SurfaceForm = {
    text: requireString(raw, 'text', where),
    lang: requireString(raw, 'lang', where),
    caseSensitive: requireBoolean(raw, 'caseSensitive', where),
    ambiguous: requireBoolean(raw, 'ambiguous', where),
    type: type as SurfaceForm['type'],
  };
  if (raw.source !== undefined) form.source = requireString(raw, 'source', where);
  if (form.text !== form.text.trim()) fail(where, `form "${form.text}" has surrounding whitespace`);
  if (form.type === 'acronym' && !form.caseSensitive) fail(where, `acronym "${form.text}" must be case-sensitive`);
  return form;
}

function validateEntity(raw: unknown, index: number): Entity {
  let where = `entity #${index}`;
  if (!isRecord(raw)) fail(where, 'must be an object');
  const id = requireString(raw, 'id', where);
  where = `entity "${id}"`;
  const kind = raw.kind;
  if (typeof kind !== 'string' || !ENTITY_KINDS.includes(kind as EntityKind)) {
    fail(where, `"kind" must be one of ${ENTITY_KINDS.join(', ')}`);
  }
  if (!Array.isArray(raw.forms) || raw.forms.length === 0) fail(where, '"forms" must be a non-empty array');
  const forms = raw.forms.map((form, i) => validateForm(form, `${where} form #${i}`));
  const entity: Entity = {
    id,
    kind: kind as EntityKind,
    name: requireString(raw, 'name', where),
    description: requireString(raw, 'description', where),
    forms,
    ambiguous: requireBoolean(raw, 'ambiguous', where),
    section: requireString(raw, 'section', where),
  };
  if (raw.era !== undefined) {
    const era = raw.era;
    if (!isRecord(era) || typeof era.from !== 'number' || (era.to !== undefined && typeof era.to !== 'number')) {
      fail(where, '"era" must be {from: number, to?: number}');
    }
    if (era.to !== undefined && (era.to as number) < era.from) fail(where, '"era.to" is before "era.from"');
    entity.era = era.to === undefined ? { from: era.from } : { from: era.from, to: era.to as number };
  }
  if (entity.ambiguous !== forms.some((form) => form.ambiguous)) {
    fail(where, '"ambiguous" must be true exactly when one of its forms is ambiguous');
  }
  return entity;
}

/**
 * Checks a raw registry (the parsed JSON, either `{entities: [...]}` or a bare array)
 * and returns typed entities. Throws EntityRegistryError naming the first problem.
 */
export function validateEntities(raw: unknown): Entity[] {
  const list = isRecord(raw) ? raw.entities : raw;
  if (!Array.isArray(list) || list.length === 0) fail('root', 'expected a non-empty "entities" array');
  const entities = list.map(validateEntity);
  const seen = new Set<string>();
  for (const entity of entities) {
    if (seen.has(entity.id)) fail(`entity "${entity.id}"`, 'duplicate id');
    seen.add(entity.id);
  }
  return entities;
}

/** The bundled registry (data/entities.json), validated once at load. */
export const entities: readonly Entity[] = Object.freeze(validateEntities(entitiesData));

const entitiesById = new Map(entities.map((entity) => [entity.id, entity]));

export function getEntity(id: string): Entity | undefined {
  return entitiesById.get(id);
}
