import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { IamClient } from '../../src/client/iam-client.js';
import { iamModel } from '../../src/generated/iam-model.js';
import { all, paginate, paginateItems } from '../../src/pagination/paginate.js';
import { NO_SHARED_FILES, resultXml, startScriptedServer } from '../transport/scripted-server.js';
import type { ScriptedServer } from '../transport/scripted-server.js';

const credentials = { accessKeyId: 'AKIDPAGES', secretAccessKey: 'pages-secret' };

function usersPage(names: string[], marker?: string): { body: string } {
  const members = names
    .map(
      (name) =>
        `<member><Path>/</Path><UserName>${name}</UserName><UserId>ID${name}</UserId>` +
        `<Arn>arn:aws:iam::123456789012:user/${name}</Arn>` +
        `<CreateDate>2024-01-01T00:00:00Z</CreateDate></member>`,
    )
    .join('');
  const more = marker ? `<IsTruncated>true</IsTruncated><Marker>${marker}</Marker>` : '';
  return {
    body: resultXml(
      'ListUsers',
      `<Users>${members}</Users>${more || '<IsTruncated>false</IsTruncated>'}`,
    ),
  };
}

describe('pagination against a real local server', () => {
  let server: ScriptedServer;
  let iam: IamClient;
  before(async () => {
    server = await startScriptedServer();
    iam = new IamClient({
      endpoint: server.url,
      credentials,
      env: NO_SHARED_FILES,
      retry: { sleep: async () => {} },
    });
  });
  after(() => server.close());

  it('follows Marker while IsTruncated, sending MaxItems on every page', async () => {
    const start = server.requests.length;
    server.script(usersPage(['a', 'b'], 'm1'), usersPage(['c', 'd'], 'm2'), usersPage(['e']));
    const names = (await all(iam, 'ListUsers', { PathPrefix: '/' }, { pageSize: 2 })).map(
      (user) => user.UserName,
    );

    assert.deepEqual(names, ['a', 'b', 'c', 'd', 'e']);
    const sent = server.requests.slice(start).map((request) => ({
      marker: request.params.get('Marker'),
      maxItems: request.params.get('MaxItems'),
      prefix: request.params.get('PathPrefix'),
    }));
    assert.deepEqual(sent, [
      { marker: null, maxItems: '2', prefix: '/' },
      { marker: 'm1', maxItems: '2', prefix: '/' },
      { marker: 'm2', maxItems: '2', prefix: '/' },
    ]);
  });

  it('yields whole pages from paginate and stops at maxPages', async () => {
    server.script(usersPage(['a'], 'm1'), usersPage(['b'], 'm2'));
    const pages = [];
    for await (const page of paginate(iam, 'ListUsers', {}, { maxPages: 2 })) pages.push(page);
    assert.equal(pages.length, 2);
    assert.equal(pages[0].Marker, 'm1');
  });

  it('refuses to loop when the server repeats a marker', async () => {
    server.script(usersPage(['a'], 'same'), usersPage(['b'], 'same'));
    await assert.rejects(all(iam, 'ListUsers'), {
      code: 'PaginationError',
      message: /repeated marker same/,
    });
  });

  it('refuses a truncated page without a marker', async () => {
    server.script({
      body: resultXml('ListUsers', '<Users/><IsTruncated>true</IsTruncated>'),
    });
    await assert.rejects(all(iam, 'ListUsers'), { code: 'PaginationError' });
  });

  it('raises when a later page fails, instead of returning what it had', async () => {
    server.script(usersPage(['a'], 'm1'), { status: 404, body: '<html>gone</html>' });
    await assert.rejects(all(iam, 'ListUsers'), { code: 'UnexpectedResponse', status: 404 });
  });

  it('collects every result key of GetAccountAuthorizationDetails, or one', async () => {
    const details = resultXml(
      'GetAccountAuthorizationDetails',
      '<UserDetailList><member><UserName>u1</UserName></member></UserDetailList>' +
        '<GroupDetailList><member><GroupName>g1</GroupName></member></GroupDetailList>' +
        '<IsTruncated>false</IsTruncated>',
    );
    server.script({ body: details }, { body: details });
    const items = await all(iam, 'GetAccountAuthorizationDetails');
    assert.equal(items.length, 2);
    const groups = [];
    for await (const group of paginateItems(
      iam,
      'GetAccountAuthorizationDetails',
      {},
      {
        resultKey: 'GroupDetailList',
      },
    )) {
      groups.push(group.GroupName);
    }
    assert.deepEqual(groups, ['g1']);
  });

  it('refuses an operation that does not page', async () => {
    await assert.rejects(all(iam, 'GetUser' as 'ListUsers'), { code: 'UnknownPaginator' });
  });

  it('has a paginator for every Marker/IsTruncated operation of the model', () => {
    for (const [name, paginator] of Object.entries(iamModel.paginators)) {
      assert.equal(paginator.inputToken, 'Marker', name);
      assert.ok(paginator.resultKeys.length > 0, name);
    }
    assert.ok(Object.keys(iamModel.paginators).length >= 30);
  });
});
