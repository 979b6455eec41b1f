// auditDomain on the real snapshot (the inconsistencies the seed report lists) and on small
// hand-made snapshots (one inconsistency each).

import * as path from 'node:path';
import { auditDomain, formatDomainIssue } from '../../../src/seed/auditDomain';
import type { DomainSnapshot } from '../../../src/seed/domainTypes';
import { readSeedInputs } from '../../../src/seed/readSeedInputs';

const SEEDS_DIRECTORY = path.resolve(__dirname, '..', '..', '..', 'seeds');

describe('auditDomain', () => {
  let domain: DomainSnapshot;

  beforeAll(async () => {
    ({ domain } = await readSeedInputs(SEEDS_DIRECTORY));
  });

  function clone(): DomainSnapshot {
    return JSON.parse(JSON.stringify(domain)) as DomainSnapshot;
  }

  it('lists the inconsistencies of the domain snapshot', () => {
    expect(auditDomain(domain).map(formatDomainIssue)).toEqual([
      'projects.json project-percareglio: programme "ERA PerMed / EP PerMed (press says ERA PerMed)" is not one programme name; the seed keeps programmeId null and the text in notes',
      'calls.json jtc2018: n_countries is 22 but participating_countries lists 23',
      'calls.json jtc2020: n_countries is 23 but participating_countries lists 22',
      'calls.json jtc2019: regional funder navarra-es-na took part but its region Navarre is not in participating_regions',
      'calls.json jtc2025: funder samrc-za took part but its country ZA is not in participating_countries',
      "projects.json project-tecant: partner country CH is not in jtc2018's participating_countries",
      "projects.json project-pre-care-ml: partner country SI is not in jtc2021's participating_countries",
      "projects.json project-permim: partner country CN is not in jtc2019's participating_countries",
      "projects.json project-irecords: funder anr-fr is listed in neither jtc2021's funders nor anr-fr's calls",
      "projects.json project-hope: funder fwf-at is listed in neither jtc2025's funders nor fwf-at's calls",
      "projects.json project-hope: funder fwf-at's programmes (ERA PerMed) do not include the project's programme EP PerMed",
      'projects.json project-edap-ad: notes has leading or trailing whitespace',
    ]);
  });

  it('reports a project funder that is not a funder', () => {
    const broken = clone();
    broken.projects[0]?.funders.push('no-such-funder');
    expect(auditDomain(broken)).toContainEqual({
      file: 'projects.json',
      id: broken.projects[0]?.id,
      message: 'funder "no-such-funder" is not in funders.json',
    });
  });

  it('reports a gap mapped to an unknown stage', () => {
    const broken = clone();
    broken.knowledgeGaps.knowledge_gaps[0]?.related_stage_ids.push('vc-nowhere');
    expect(auditDomain(broken).map(formatDomainIssue)).toContain(
      `knowledge-gaps.json ${broken.knowledgeGaps.knowledge_gaps[0]?.id ?? ''}: stage "vc-nowhere" is not in value-chain-stages.json`,
    );
  });

  it('reports dates that disagree with the duration', () => {
    const broken = clone();
    const project = broken.projects.find((record) => record.id === 'project-gepard');
    if (project !== undefined) project.duration_months = 24;
    expect(auditDomain(broken).map(formatDomainIssue)).toContain(
      'projects.json project-gepard: start_date..end_date is 36 months but duration_months is 24',
    );
  });
});
