/**
 * SDP on-prem portal pages for tests, e2e and the demo: functions that return whole HTML
 * documents. The SDP API stand-in serves them; test/fixtures/sdp/ are generated from them.
 */
export { renderChangePage, renderRequestPage } from './ticket';
export { renderAssetPage, renderListPage, renderLoginPage, renderProblemPage, renderTaskPage } from './other-pages';
export type {
  PageOptions, SdpAsset, SdpChange, SdpNamed, SdpPageUser, SdpProblem, SdpRequest, SdpTask, SdpTime, SdpUserRef,
} from './types';
