// Puts a batch's CORDIS organisations onto the graph's organisations that already hold their PIC
// (one a curator or the organisation matcher gave a PIC), renaming the records that reach them.
// Organisations no node holds keep their org-pic-<PIC> id, so the same export twice finds them.

import { organisationIdsByPic } from '../../db/connectorWrites';
import { readerOf } from '../../db/curation';
import type { Db } from '../../db/run';
import type { ConnectorRecord, RecordResolver } from '../source';
import { cordisOrganisationId } from './mapCordis';

const PREFIX = cordisOrganisationId('');

function organisationEnd(record: ConnectorRecord): string | null {
  return record.kind === 'link' && record.shape.from === 'Organisation' ? record.from : null;
}

/** The resolver of the CORDIS connector: organisations by PIC. */
export function resolveByPic(db: Db): RecordResolver {
  return async (records) => {
    const pics = new Set<string>();
    for (const record of records) {
      const id =
        record.kind === 'node'
          ? record.label === 'Organisation'
            ? record.id
            : null
          : organisationEnd(record);
      if (id?.startsWith(PREFIX)) pics.add(id.slice(PREFIX.length));
    }
    const held = await organisationIdsByPic(readerOf(db), [...pics]);
    const renamed = new Map<string, string>();
    for (const [pic, id] of held)
      if (id !== cordisOrganisationId(pic)) renamed.set(cordisOrganisationId(pic), id);
    if (renamed.size === 0) return [...records];
    return records.map((record): ConnectorRecord => {
      if (record.kind === 'node')
        return record.label === 'Organisation'
          ? { ...record, id: renamed.get(record.id) ?? record.id }
          : record;
      if (record.shape.from !== 'Organisation') return record;
      return { ...record, from: renamed.get(record.from) ?? record.from };
    });
  };
}
