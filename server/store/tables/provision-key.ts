// The "how sure" key's tables: how each resolution method is trusted (methods, geodata/methods.csv) and
// the provision inferred from the strategy text (provisions, geodata/provision.csv); DDL, writers, readers.
import type Database from 'better-sqlite3';
import type { ServiceId } from '../../domain/vocabulary.ts';

export const METHODS_DDL = `
-- How each resolution method is trusted (geodata/methods.csv).
CREATE TABLE methods (method TEXT PRIMARY KEY, confidence TEXT, lower_confidence INTEGER NOT NULL, description TEXT NOT NULL);
`;

export const PROVISIONS_DDL = `
-- Provision inferred from the strategy text, not listed (geodata/provision.csv): services as a JSON array.
CREATE TABLE provisions (id TEXT PRIMARY KEY, kind TEXT NOT NULL, label TEXT NOT NULL, services TEXT NOT NULL, evidence TEXT NOT NULL);
`;

interface MethodRow {
  method: string;
  confidence: string | null;
  lower_confidence: 0 | 1;
  description: string;
}

export interface ProvisionRow {
  id: string;
  kind: string;
  label: string;
  /** JSON array of service ids. */
  services: string;
  evidence: string;
}

/** A resolution method and how far it is trusted, named as in the /api answers that show the key. */
export interface MethodRecord {
  method: string;
  confidence: string | null;
  lower_confidence: boolean;
  description: string;
}

export interface ProvisionRecord {
  id: string;
  kind: string;
  label: string;
  services: ServiceId[];
  evidence: string;
}

export function methodWriter(db: Database.Database): (method: string, info: { confidence: string | null; lowerConfidence: boolean; description: string }) => void {
  const insert = db.prepare('INSERT INTO methods VALUES (?, ?, ?, ?)');
  return (method, info) => void insert.run(method, info.confidence, info.lowerConfidence ? 1 : 0, info.description);
}

export function provisionWriter(db: Database.Database): (p: { id: string; kind: string; label: string; services: readonly ServiceId[]; evidence: string }) => void {
  const insert = db.prepare('INSERT INTO provisions VALUES (?, ?, ?, ?, ?)');
  return (p) => void insert.run(p.id, p.kind, p.label, JSON.stringify(p.services), p.evidence);
}

/** Provision inferred from the strategy text, and the confidence of each resolution method: the key's "how sure". */
export function readProvisionKey(db: Database.Database): { provisions: ProvisionRecord[]; methods: MethodRecord[] } {
  return {
    provisions: db.prepare<[], ProvisionRow>('SELECT * FROM provisions ORDER BY id').all().map((p) => ({ id: p.id, kind: p.kind, label: p.label, services: JSON.parse(p.services) as ServiceId[], evidence: p.evidence })),
    methods: db.prepare<[], MethodRow>('SELECT * FROM methods ORDER BY method').all().map((m) => ({ method: m.method, confidence: m.confidence, lower_confidence: m.lower_confidence === 1, description: m.description })),
  };
}

/** The methods whose resolutions are trusted less than the rest. */
export function lowerConfidenceMethods(db: Database.Database): Set<string> {
  return new Set(db.prepare<[], { method: string }>('SELECT method FROM methods WHERE lower_confidence = 1').all().map((m) => m.method));
}

/** Every provision's row by id (its services as stored, a JSON array). */
export function provisionRowsById(db: Database.Database): Map<string, ProvisionRow> {
  return new Map(db.prepare<[], ProvisionRow>('SELECT * FROM provisions').all().map((p) => [p.id, p]));
}
