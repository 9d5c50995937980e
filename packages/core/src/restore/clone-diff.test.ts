import { describe, expect, it } from 'vitest';
import { cloneDiffCsv, type CloneDiff } from './clone-diff';

const diff: CloneDiff = {
  restoreId: 'r1',
  cloneInstanceId: 'c1',
  sourceInstanceId: 's1',
  comparedAt: '2026-11-22T14:05:00Z',
  sampleBound: 200_000,
  listBound: 1000,
  tables: [
    {
      database: 'app',
      schema: 'sales',
      table: 'items, "x"',
      status: 'compared',
      primaryKey: ['id'],
      rowCounts: { clone: 2, source: 2 },
      onlyInClone: 1,
      onlyInSource: 1,
      changed: 0,
      rows: [
        { change: 'only_in_clone', key: { id: '1' } },
        { change: 'only_in_source', key: { id: '3' } },
      ],
      rowsTruncated: false,
      sample: null,
    },
    {
      database: 'app',
      schema: 'public',
      table: 'log',
      status: 'no_primary_key',
      primaryKey: null,
      rowCounts: { clone: 5, source: 7 },
      onlyInClone: null,
      onlyInSource: null,
      changed: null,
      rows: [],
      rowsTruncated: false,
      sample: null,
    },
  ],
};

describe('cloneDiffCsv', () => {
  it('one line per table and per differing row, quoted where needed', () => {
    expect(cloneDiffCsv(diff).split('\r\n')).toEqual([
      'database,schema,table,change,key,clone_rows,source_rows,only_in_clone,only_in_source,changed,sampled_1_in',
      'app,sales,"items, ""x""",compared,"[""id""]",2,2,1,1,0,',
      'app,sales,"items, ""x""",only_in_clone,"{""id"":""1""}",,,,,,',
      'app,sales,"items, ""x""",only_in_source,"{""id"":""3""}",,,,,,',
      'app,public,log,no_primary_key,,5,7,,,,',
      '',
    ]);
  });
});
