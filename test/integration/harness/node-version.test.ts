import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

// .ci/run sets GATEHOUSE_EXPECT_NODE_MAJOR for its second run, so a run that silently fell back to the
// machine's Node fails instead of passing on the wrong version. Without it, the engines floor is checked.
describe('the Node version', () => {
  it('is the major version CI asked for, or at least the one package.json requires', () => {
    const major = Number(process.versions.node.split('.')[0]);
    const expected = process.env.GATEHOUSE_EXPECT_NODE_MAJOR;
    if (expected !== undefined) {
      assert.equal(major, Number(expected));
      return;
    }
    const { engines } = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
    const floor = Number(/>=(\d+)/.exec(engines.node)?.[1]);
    assert.ok(major >= floor, `node ${process.versions.node} is older than ${engines.node}`);
  });
});
