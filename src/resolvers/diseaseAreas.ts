// Resolvers of the disease areas (ICD-10 chapters): the list, a project's areas (one batched
// statement per request for every project of a page) and the areas' project counts.

import DataLoader from 'dataloader';
import type { RequestContext } from '../context';
import { diseaseAreasByProjectId, readDiseaseAreas, type ProjectDiseaseAreaModel } from '../db/diseaseAreas';
import type {
  DiseaseAreaCode,
  DiseaseAreaResolvers,
  ProjectDiseaseAreaResolvers,
  QueryResolvers,
} from '../generated/graphql';
import { MAX_BATCH_SIZE } from '../loaders';
import { derivationFilter } from './arguments';

const areaLists = new WeakMap<RequestContext, ReturnType<typeof readDiseaseAreas>>();
const linkLoaders = new WeakMap<RequestContext, Map<string, DataLoader<string, ProjectDiseaseAreaModel[]>>>();

/** Every area with its project count, read once per request. */
function areasOf(context: RequestContext): ReturnType<typeof readDiseaseAreas> {
  let areas = areaLists.get(context);
  if (!areas) {
    areas = readDiseaseAreas(context.db);
    areaLists.set(context, areas);
  }
  return areas;
}

/** The request's loader of project -> disease-area links at one confidence threshold. */
function linkLoader(
  context: RequestContext,
  minConfidence: number | null,
): DataLoader<string, ProjectDiseaseAreaModel[]> {
  let byThreshold = linkLoaders.get(context);
  if (!byThreshold) {
    byThreshold = new Map();
    linkLoaders.set(context, byThreshold);
  }
  const key = String(minConfidence);
  let loader = byThreshold.get(key);
  if (!loader) {
    loader = new DataLoader((ids) => diseaseAreasByProjectId(context.db, ids, minConfidence), {
      maxBatchSize: MAX_BATCH_SIZE,
      name: `diseaseAreasByProjectId:${key}`,
    });
    byThreshold.set(key, loader);
  }
  return loader;
}

export const diseaseAreaQueries: Pick<QueryResolvers, 'diseaseAreas'> = {
  diseaseAreas: (_, __, context) => areasOf(context),
};

/** Project.diseaseAreas. */
export function projectDiseaseAreas(
  project: { id: string },
  args: { minConfidence?: number | null },
  context: RequestContext,
): Promise<ProjectDiseaseAreaModel[]> {
  const { minConfidence } = derivationFilter(args);
  return linkLoader(context, minConfidence ?? null).load(project.id);
}

export const DiseaseArea: DiseaseAreaResolvers = {
  code: (area) => area.code as DiseaseAreaCode,
  projectCount: async (area, _, context) =>
    (await areasOf(context)).find((known) => known.id === area.id)?.projectCount ?? 0,
};

export const ProjectDiseaseArea: ProjectDiseaseAreaResolvers = {};
