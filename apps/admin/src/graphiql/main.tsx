import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createFetcher } from './fetcher';

const EXAMPLE_QUERY = `# Moim GraphQL API. Keys for writes and admin go in Headers:
# { "Authorization": "Bearer <key>" }
query Vocabulary {
  vocabulary { regions stacks traits tags }
  embedder { modelId dimension }
}
`;

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <GraphiQL fetcher={createFetcher('/graphql')} defaultQuery={EXAMPLE_QUERY} />
  </StrictMode>,
);
