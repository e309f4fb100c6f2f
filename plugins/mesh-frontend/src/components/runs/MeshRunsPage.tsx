import { Route, Routes } from 'react-router-dom';
import { MeshRunPage } from './MeshRunPage';

/** Mounted at `/mesh/runs`: one page per template run. */
export function MeshRunsPage() {
  return (
    <Routes>
      <Route path=":taskId" element={<MeshRunPage />} />
    </Routes>
  );
}
