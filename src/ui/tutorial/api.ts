/** The TutorialApi goals read the cluster through: the cluster store's request, as the UI makes it. */
import type { ApiRequest, ApiResponse } from '../../api/types.ts';
import type { TutorialApi } from '../../tutorial/types.ts';

export function tutorialApi(request: (req: ApiRequest) => Promise<ApiResponse>): TutorialApi {
  return {
    request,
    async get<T>(path: string): Promise<T | null> {
      const answer = await request({ method: 'GET', path });
      return answer.status === 200 ? (answer.body as T) : null;
    },
  };
}
