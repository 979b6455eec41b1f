// Finds inconsistencies inside the domain snapshot (seeds/domain) without fixing them: the
// build reports them so that a person corrects the facts, instead of the code guessing.

import type { DomainCall, DomainProject, DomainSnapshot } from './domainTypes';

/** One inconsistency: the domain file, the record id, and what disagrees with what. */
export type DomainIssue = {
  file: string;
  id: string;
  message: string;
};

/** "projects.json project-x: message", the form the CLI prints. */
export function formatDomainIssue(issue: DomainIssue): string {
  return `${issue.file} ${issue.id}: ${issue.message}`;
}

function monthsBetween(start: string, end: string): number | null {
  const a = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start);
  const b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(end);
  if (a === null || b === null) return null;
  // End dates are inclusive ("2019-03-01" to "2022-02-28" is 36 months), so count to the next day.
  const from = Date.UTC(Number(a[1]), Number(a[2]) - 1, Number(a[3]));
  const to = Date.UTC(Number(b[1]), Number(b[2]) - 1, Number(b[3]) + 1);
  return Math.round((to - from) / (1000 * 60 * 60 * 24 * 30.4375));
}

/**
 * Lists every inconsistency found between and within the domain files: references that do
 * not resolve, stated counts that differ from the listed items, funders and project partners
 * missing from the participation lists of the calls they belong to, a project funder that did
 * not take part in the project's call or programme, dates that disagree, and stray whitespace.
 * Pure; the order is the order of the checks, then of the records.
 */
export function auditDomain(domain: DomainSnapshot): DomainIssue[] {
  const issues: DomainIssue[] = [];
  const add = (file: string, id: string, message: string): void => {
    issues.push({ file, id, message });
  };
  const funders = new Map(domain.funders.map((funder) => [funder.id, funder]));
  const calls = new Map(
    domain.calls.filter((call) => call.type !== 'programme').map((call) => [call.id, call]),
  );
  const programmeNames = new Set(
    domain.calls.filter((call) => call.type === 'programme').map((call) => call.programme),
  );
  const stageIds = new Set(domain.valueChainStages.stages.map((stage) => stage.id));
  const areaIds = new Set(domain.sriaAreas.areas.map((area) => area.id));
  const objectiveIds = new Set(domain.objectives.objectives.map((objective) => objective.id));
  const callsOfFunder = (funderId: string): DomainCall[] =>
    [...calls.values()].filter(
      (call) => call.funders.includes(funderId) || (funders.get(funderId)?.calls.includes(call.id) ?? false),
    );

  // References that do not resolve.
  for (const funder of domain.funders) {
    for (const callId of funder.calls)
      if (!calls.has(callId)) add('funders.json', funder.id, `call "${callId}" is not in calls.json`);
    for (const name of funder.programmes)
      if (!programmeNames.has(name))
        add('funders.json', funder.id, `programme "${name}" is not a programme record in calls.json`);
  }
  for (const call of domain.calls) {
    for (const funderId of call.funders)
      if (!funders.has(funderId)) add('calls.json', call.id, `funder "${funderId}" is not in funders.json`);
    if (call.joint_call_secretariat !== null && !funders.has(call.joint_call_secretariat)) {
      add(
        'calls.json',
        call.id,
        `joint_call_secretariat "${call.joint_call_secretariat}" is not in funders.json`,
      );
    }
    if (!programmeNames.has(call.programme))
      add('calls.json', call.id, `programme "${call.programme}" is not a programme record`);
  }
  for (const project of domain.projects) {
    if (project.call !== null && !calls.has(project.call))
      add('projects.json', project.id, `call "${project.call}" is not in calls.json`);
    for (const funderId of project.funders)
      if (!funders.has(funderId))
        add('projects.json', project.id, `funder "${funderId}" is not in funders.json`);
    if (project.programme !== null && !programmeNames.has(project.programme)) {
      add(
        'projects.json',
        project.id,
        `programme "${project.programme}" is not one programme name; the seed keeps programmeId null and the text in notes`,
      );
    }
  }
  for (const gap of domain.knowledgeGaps.knowledge_gaps) {
    for (const id of gap.related_area_ids)
      if (!areaIds.has(id)) add('knowledge-gaps.json', gap.id, `area "${id}" is not in sria-areas.json`);
    for (const id of gap.related_stage_ids)
      if (!stageIds.has(id))
        add('knowledge-gaps.json', gap.id, `stage "${id}" is not in value-chain-stages.json`);
    for (const id of gap.related_objective_ids)
      if (!objectiveIds.has(id))
        add('knowledge-gaps.json', gap.id, `objective "${id}" is not in objectives.json`);
  }
  for (const stage of domain.valueChainStages.stages) {
    if (stage.parent_id !== null && !stageIds.has(stage.parent_id))
      add('value-chain-stages.json', stage.id, `parent "${stage.parent_id}" is not a stage`);
  }
  for (const area of domain.sriaAreas.areas) {
    for (const id of area.stage_ids)
      if (!stageIds.has(id))
        add('sria-areas.json', area.id, `stage "${id}" is not in value-chain-stages.json`);
  }

  // Stated counts against listed items.
  for (const call of domain.calls) {
    const listed = call.participating_countries.length;
    if (call.n_countries !== null && listed > 0 && call.n_countries !== listed) {
      add(
        'calls.json',
        call.id,
        `n_countries is ${call.n_countries} but participating_countries lists ${listed}`,
      );
    }
    const regions = call.participating_regions.length;
    if (call.n_regions !== null && regions > 0 && call.n_regions !== regions) {
      add('calls.json', call.id, `n_regions is ${call.n_regions} but participating_regions lists ${regions}`);
    }
  }

  // Funders against the participation lists of the calls they joined.
  for (const funder of domain.funders) {
    for (const call of callsOfFunder(funder.id)) {
      if (
        funder.country !== null &&
        call.participating_countries.length > 0 &&
        !call.participating_countries.includes(funder.country)
      ) {
        add(
          'calls.json',
          call.id,
          `funder ${funder.id} took part but its country ${funder.country} is not in participating_countries`,
        );
      }
      const regionNames = call.participating_regions.map((text) => text.replace(/\s*\([A-Z]{2}\)$/, ''));
      if (
        funder.region !== null &&
        funder.country !== null &&
        regionNames.length > 0 &&
        !regionNames.includes(funder.region)
      ) {
        add(
          'calls.json',
          call.id,
          `regional funder ${funder.id} took part but its region ${funder.region} is not in participating_regions`,
        );
      }
      if (!funder.programmes.includes(call.programme)) {
        add(
          'funders.json',
          funder.id,
          `took part in ${call.id} (${call.programme}) but its programmes do not include ${call.programme}`,
        );
      }
    }
  }

  // Projects against their call, funders and partners.
  for (const project of domain.projects) {
    const call = project.call === null ? undefined : calls.get(project.call);
    checkProjectAgainstCall(project, call, add);
    for (const funderId of project.funders) {
      const funder = funders.get(funderId);
      if (funder === undefined) continue;
      if (call !== undefined && !funder.calls.includes(call.id) && !call.funders.includes(funderId)) {
        add(
          'projects.json',
          project.id,
          `funder ${funderId} is listed in neither ${call.id}'s funders nor ${funderId}'s calls`,
        );
      }
      if (
        project.programme !== null &&
        programmeNames.has(project.programme) &&
        !funder.programmes.includes(project.programme)
      ) {
        add(
          'projects.json',
          project.id,
          `funder ${funderId}'s programmes (${funder.programmes.join(', ')}) do not include the project's programme ${project.programme}`,
        );
      }
    }
    const named = [...(project.coordinator === null ? [] : [project.coordinator]), ...project.partners];
    for (const institution of named) {
      if (!project.partner_countries.includes(institution.country)) {
        add(
          'projects.json',
          project.id,
          `partner "${institution.institution}" is in ${institution.country}, which partner_countries does not list`,
        );
      }
    }
    if (
      project.start_date !== null &&
      project.start_year !== null &&
      Number(project.start_date.slice(0, 4)) !== project.start_year
    ) {
      add(
        'projects.json',
        project.id,
        `start_date ${project.start_date} disagrees with start_year ${project.start_year}`,
      );
    }
    if (project.start_date !== null && project.end_date !== null && project.duration_months !== null) {
      const months = monthsBetween(project.start_date, project.end_date);
      if (months !== null && months !== project.duration_months) {
        add(
          'projects.json',
          project.id,
          `start_date..end_date is ${months} months but duration_months is ${project.duration_months}`,
        );
      }
    }
  }

  // Stray whitespace in free text (harmless, but it shows in the API).
  const checkText = (file: string, id: string, field: string, value: string | null): void => {
    if (value !== null && value !== value.trim())
      add(file, id, `${field} has leading or trailing whitespace`);
  };
  for (const funder of domain.funders) checkText('funders.json', funder.id, 'notes', funder.notes);
  for (const call of domain.calls) checkText('calls.json', call.id, 'notes', call.notes);
  for (const project of domain.projects) checkText('projects.json', project.id, 'notes', project.notes);
  return issues;
}

function checkProjectAgainstCall(
  project: DomainProject,
  call: DomainCall | undefined,
  add: (file: string, id: string, message: string) => void,
): void {
  if (call === undefined) return;
  if (project.programme !== null && project.programme !== call.programme) {
    add(
      'projects.json',
      project.id,
      `programme "${project.programme}" differs from its call ${call.id}'s programme "${call.programme}"`,
    );
  }
  if (call.participating_countries.length > 0) {
    for (const code of project.partner_countries) {
      if (!call.participating_countries.includes(code)) {
        add(
          'projects.json',
          project.id,
          `partner country ${code} is not in ${call.id}'s participating_countries`,
        );
      }
    }
  }
  if (project.start_year !== null && call.year !== null && project.start_year < call.year) {
    add('projects.json', project.id, `starts in ${project.start_year}, before its call's year ${call.year}`);
  }
}
