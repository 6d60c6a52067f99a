import { FollowForm } from '../components/FollowForm.js';
import { ResultArea } from '../components/ResultArea.js';

export function FollowScreen() {
  return (
    <>
      <h1 className="visually-hidden">Follow</h1>
      <FollowForm />
      <ResultArea />
    </>
  );
}
