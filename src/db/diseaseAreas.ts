// Cypher of the disease areas (ICD-10 chapters) and of the projects' IN_DISEASE_AREA links,
// which a rule of src/derivation/diseaseAreaRule.ts derives with provenance like every derived link.

import type { DegreeQuery } from './graphStatistics';
import type { Db } from './run';

/** A DiseaseArea node as stored. */
export interface DiseaseAreaModel {
  id: string;
  code: string;
  chapter: string;
  name: string;
  icd10Range: string;
  terms: string[];
  sources: string[];
}

/** A project's link to a disease area, with the derivation. */
export interface ProjectDiseaseAreaModel {
  projectId: string;
  area: DiseaseAreaModel;
  derivation: { provenance: 'CURATED' | 'INFERRED'; rule: string; confidence: number; evidence: string };
}

/** Every disease area with the number of projects linked to it, in ICD-10 chapter order (by range). */
export const DISEASE_AREAS = `MATCH (d:DiseaseArea)
RETURN d {.id, .code, .chapter, .name, .icd10Range, .terms, .sources} AS area,
  COUNT { (d)<-[:IN_DISEASE_AREA]-(:Project) } AS projectCount
ORDER BY d.icd10Range`;

/** The disease-area links of many projects in one statement, most confident first. */
export const DISEASE_AREAS_BY_PROJECT_ID = `UNWIND $ids AS projectId
MATCH (:Project {id: projectId})-[r:IN_DISEASE_AREA]->(d:DiseaseArea)
WHERE $minConfidence IS NULL OR r.confidence >= $minConfidence
RETURN projectId, d {.id, .code, .chapter, .name, .icd10Range, .terms, .sources} AS area,
  {provenance: r.provenance, rule: r.rule, confidence: r.confidence, evidence: r.evidence} AS derivation
ORDER BY projectId, r.confidence DESC, d.id`;

/** The disease-area links of one project, for its largest degree (src/db/graphStatistics.ts). */
export const DISEASE_AREAS_OF_PROJECT: DegreeQuery = {
  key: 'Project.diseaseAreas',
  from: 'Project',
  pattern: '(from)-[r:IN_DISEASE_AREA]->(to:DiseaseArea)',
};

/** The projects of one disease area, for its largest degree (a projects list filtered by disease area). */
export const PROJECTS_OF_DISEASE_AREA: DegreeQuery = {
  key: 'DiseaseArea.projects',
  from: 'DiseaseArea',
  pattern: '(from)<-[r:IN_DISEASE_AREA]-(to:Project)',
};

/** Every disease area with its project count. */
export async function readDiseaseAreas(db: Db): Promise<Array<DiseaseAreaModel & { projectCount: number }>> {
  const rows = await db.read<{ area: DiseaseAreaModel; projectCount: number }>(DISEASE_AREAS);
  return rows.map((row) => ({ ...row.area, projectCount: row.projectCount }));
}

/** The links of each project id, in the order of `ids` (a batch function: same length and order). */
export async function diseaseAreasByProjectId(
  db: Db,
  ids: readonly string[],
  minConfidence: number | null,
): Promise<ProjectDiseaseAreaModel[][]> {
  const rows = await db.read<ProjectDiseaseAreaModel>(DISEASE_AREAS_BY_PROJECT_ID, { ids, minConfidence });
  const byProject = new Map<string, ProjectDiseaseAreaModel[]>();
  for (const row of rows) byProject.set(row.projectId, [...(byProject.get(row.projectId) ?? []), row]);
  return ids.map((id) => byProject.get(id) ?? []);
}
