import { resolveTestServerUrl } from '@moim/db/testing';

export default function setup(): void {
  resolveTestServerUrl();
}
