/** `/versions/history.json`: every version's delta, for the browser to rebuild and compare versions (see versions-data.ts). */
import type { APIRoute } from 'astro';
import type { HistoryFile } from '../../site/versions-client.ts';
import { registerData } from '../../site/register-data.ts';
import { versionsData } from '../../site/versions-data.ts';

export const GET: APIRoute = async () => {
  const { publisher, siteUrl } = await registerData();
  const { versions } = await versionsData();
  const file: HistoryFile = {
    siteUrl,
    publisher: {
      noticeDays: publisher.noticeDays,
      ...(publisher.objectionDays !== undefined ? { objectionDays: publisher.objectionDays } : {}),
      categories: publisher.categories,
      services: publisher.services,
      dataCategories: publisher.dataCategories,
      dataSubjects: publisher.dataSubjects,
    },
    versions: versions.map(({ id, commit, sha256, ops }) => ({ id, commit, sha256, ops })),
  };
  return new Response(JSON.stringify(file), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
