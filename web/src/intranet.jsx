// The intranet under "/app" (signed-in users only): its routes, the session gate and the layout.
// Loaded as its own chunk (app.jsx imports it lazily), so public pages never download it.
import { useEffect } from 'preact/hooks';
import { findRoute } from './router.js';
import { canManageHolidays, canManageUnits, canManageUsers, canReadAudit, hasPermission, loadSession, redirectToLogin, useSession } from './auth.js';
import { AppLayout, PageHeader, PublicLayout } from './components/Layout.jsx';
import { ProblemAlert } from './components/ProblemAlert.jsx';
import { Link } from './components/Link.jsx';
import { usePageTitle } from './hooks.js';
import { lazy } from './lazy.jsx';
import { AppNotFound } from './pages/NotFound.jsx';
import { Dashboard } from './pages/Dashboard.jsx';
import { Account } from './pages/Account.jsx';
import { AdminUnits } from './pages/AdminUnits.jsx';
import { AdminUsers } from './pages/AdminUsers.jsx';
import { AdminAudit } from './pages/AdminAudit.jsx';
import { AdminHolidays } from './pages/AdminHolidays.jsx';
import { DashboardIngest, DashboardKpi } from './pages/DashboardLazy.jsx';
import { PlanList } from './pages/PlanList.jsx';
import { PlanDetail } from './pages/PlanDetail.jsx';
import { TaskDetail } from './pages/TaskDetail.jsx';
import { MyAssignments } from './pages/MyAssignments.jsx';
import { canWritePlans } from './pages/PlanCommon.jsx';
import { Feedback, canReadFeedback } from './pages/Feedback.jsx';
import { FeedbackItem } from './pages/FeedbackItem.jsx';
import { ProcedureCatalog } from './pages/ProcedureCatalog.jsx';
import { ProcedureDetail } from './pages/ProcedureDetail.jsx';
import { ProcedureForm } from './pages/ProcedureForm.jsx';
import { canWriteProcedures } from './pages/ProcedureCommon.jsx';
import { ReportDetail, ReportPrint, Reports } from './pages/ReportsLazy.jsx';
import { ReviewDecision, ReviewDecisions, ReviewFormPage, ReviewForms, ReviewProposals } from './pages/ReviewLazy.jsx';
import { canReadReview } from './pages/ReviewCommon.jsx';
import { canReadReform } from './pages/ReformCommon.jsx';
import { CommunicationDetail, Communications, InspectionDetail, InspectionList, InspectionTemplates } from './pages/InspectionsLazy.jsx';
import { canEditTemplates, canReadCommunications, canReadInspections } from './pages/InspectionsCommon.jsx';
import { NotificationBell } from './components/Bell.jsx';
import { SearchBox } from './components/SearchBox.jsx';

// The importers (mammoth for .docx, the sheet readers) are heavy and rarely used: their own chunks.
const ImportPlan = lazy(() => import('./pages/ImportPlan.jsx'), 'ImportPlan');
const ProcedureImport = lazy(() => import('./pages/ProcedureImport.jsx'), 'ProcedureImport');
// The notifications page: its own chunk, the intranet chunk carries only the bell.
const Notifications = lazy(() => import('./pages/Notifications.jsx'), 'Notifications');
// Search results and the print views (issue 15): their own chunks, the header carries the box.
const Search = lazy(() => import('./pages/Search.jsx'), 'Search');
const PlanPrint = lazy(() => import('./pages/PrintViews.jsx'), 'PlanPrint');
const TaskPrint = lazy(() => import('./pages/PrintViews.jsx'), 'TaskPrint');
const FeedbackPrint = lazy(() => import('./pages/PrintViews.jsx'), 'FeedbackPrint');
// Compliance cost (issue 17): its own chunk, with Chart.js.
const ProcedureCost = lazy(() => import('./pages/Cost.jsx'), 'ProcedureCost');
const CostSavings = lazy(() => import('./pages/Cost.jsx'), 'CostSavings');
// The reform index (issue 19): its own chunk.
const IndexResults = lazy(() => import('./pages/ReformIndex.jsx'), 'IndexResults');
const IndexCriteria = lazy(() => import('./pages/ReformIndex.jsx'), 'IndexCriteria');
const IndexAssessment = lazy(() => import('./pages/ReformIndex.jsx'), 'IndexAssessment');
// Late-dossier accountability (issue 20): its own chunk.
const LateDossiers = lazy(() => import('./pages/LateDossiers.jsx'), 'LateDossiers');
const LateDossier = lazy(() => import('./pages/LateDossiers.jsx'), 'LateDossier');
const SipasPage = lazy(() => import('./pages/Sipas.jsx'), 'SipasPage');
// The registries (issue 18): focal officers, training, budget; their own chunk.
const FocalOfficers = lazy(() => import('./pages/Registries.jsx'), 'FocalOfficers');
const Trainings = lazy(() => import('./pages/Registries.jsx'), 'Trainings');
const TrainingDetail = lazy(() => import('./pages/Registries.jsx'), 'TrainingDetail');
const Budget = lazy(() => import('./pages/Registries.jsx'), 'Budget');
// Internal procedures, impact assessments, initiatives (issue 17): one chunk of their own.
const InternalProcedures = lazy(() => import('./pages/Reform.jsx'), 'InternalProcedures');
const InternalProcedure = lazy(() => import('./pages/Reform.jsx'), 'InternalProcedure');
const ImpactAssessments = lazy(() => import('./pages/Reform.jsx'), 'ImpactAssessments');
const ImpactAssessment = lazy(() => import('./pages/Reform.jsx'), 'ImpactAssessment');
const Initiatives = lazy(() => import('./pages/Reform.jsx'), 'Initiatives');
const Initiative = lazy(() => import('./pages/Reform.jsx'), 'Initiative');
const RuleSets = lazy(() => import('./pages/RuleSets.jsx'), 'RuleSets');
const Reorganize = lazy(() => import('./pages/Reorganize.jsx'), 'Reorganize');
// Feedback from every channel and the public contact (issue 20).
const FeedbackIntake = lazy(() => import('./pages/FeedbackIntake.jsx'), 'FeedbackIntake');
const PublicContactAdmin = lazy(() => import('./pages/FeedbackIntake.jsx'), 'PublicContactAdmin');

// allow(user) decides whether the menu shows it; the server decides for real.
const APP_ROUTES = [
  { path: '/app', page: Dashboard },
  { path: '/app/tai-khoan', page: Account },
  { path: '/app/thong-bao', page: Notifications },
  { path: '/app/phan-anh', page: Feedback, allow: canReadFeedback },
  { path: '/app/phan-anh/tiep-nhan', page: FeedbackIntake, allow: (u) => hasPermission(u, 'feedback.route') },
  { path: '/app/phan-anh/:id', page: FeedbackItem, allow: canReadFeedback },
  { path: '/app/chi-so', page: DashboardKpi },
  { path: '/app/chi-so/tre-han', page: LateDossiers, allow: (u) => hasPermission(u, 'kpi.read') },
  { path: '/app/chi-so/tre-han/:id', page: LateDossier, allow: (u) => hasPermission(u, 'kpi.read') },
  { path: '/app/chi-so/nap-ho-so', page: DashboardIngest, allow: (u) => hasPermission(u, 'dossiers.ingest') },
  { path: '/app/viec-cua-toi', page: MyAssignments },
  { path: '/app/thu-tuc', page: ProcedureCatalog },
  { path: '/app/thu-tuc/moi', page: ProcedureForm, allow: canWriteProcedures },
  { path: '/app/thu-tuc/nhap', page: ProcedureImport, allow: canWriteProcedures },
  { path: '/app/thu-tuc/:id', page: ProcedureDetail },
  { path: '/app/thu-tuc/:id/sua', page: ProcedureForm, allow: canWriteProcedures },
  { path: '/app/thu-tuc/:id/chi-phi', page: ProcedureCost, allow: (u) => hasPermission(u, 'cost.read') },
  { path: '/app/chi-phi-tuan-thu', page: CostSavings, allow: (u) => hasPermission(u, 'cost.read') },
  { path: '/app/chi-so-cchc', page: IndexResults, allow: (u) => hasPermission(u, 'index.read') },
  { path: '/app/chi-so-cchc/tieu-chi', page: IndexCriteria, allow: (u) => hasPermission(u, 'index.read') },
  { path: '/app/chi-so-cchc/:year/:unit', page: IndexAssessment, allow: (u) => hasPermission(u, 'index.read') },
  { path: '/app/khao-sat-hai-long', page: SipasPage, allow: (u) => hasPermission(u, 'index.read') },
  { path: '/app/ke-hoach', page: PlanList },
  { path: '/app/ke-hoach/nhap', page: ImportPlan, allow: canWritePlans },
  { path: '/app/ke-hoach/:id', page: PlanDetail },
  { path: '/app/nhiem-vu/:id', page: TaskDetail },
  { path: '/app/bao-cao', page: Reports },
  { path: '/app/ra-soat', page: ReviewForms, allow: canReadReview },
  { path: '/app/ra-soat/phieu/:id', page: ReviewFormPage, allow: canReadReview },
  { path: '/app/ra-soat/phuong-an', page: ReviewProposals, allow: canReadReview },
  { path: '/app/ra-soat/quyet-dinh', page: ReviewDecisions, allow: canReadReview },
  { path: '/app/ra-soat/quyet-dinh/:id', page: ReviewDecision, allow: canReadReview },
  { path: '/app/so-theo-doi', page: FocalOfficers, allow: (u) => hasPermission(u, 'registries.read') },
  { path: '/app/so-theo-doi/tap-huan', page: Trainings, allow: (u) => hasPermission(u, 'registries.read') },
  { path: '/app/so-theo-doi/tap-huan/:id', page: TrainingDetail, allow: (u) => hasPermission(u, 'registries.read') },
  { path: '/app/so-theo-doi/kinh-phi', page: Budget, allow: (u) => hasPermission(u, 'registries.read') },
  { path: '/app/tthc-noi-bo', page: InternalProcedures, allow: canReadReform },
  { path: '/app/tthc-noi-bo/:id', page: InternalProcedure, allow: canReadReform },
  { path: '/app/danh-gia-tac-dong', page: ImpactAssessments, allow: canReadReform },
  { path: '/app/danh-gia-tac-dong/:id', page: ImpactAssessment, allow: canReadReform },
  { path: '/app/sang-kien', page: Initiatives, allow: canReadReform },
  { path: '/app/sang-kien/:id', page: Initiative, allow: canReadReform },
  // inspections, communications and dialogues (issue 18)
  { path: '/app/kiem-tra', page: InspectionList, allow: canReadInspections },
  { path: '/app/kiem-tra/danh-muc', page: InspectionTemplates, allow: canEditTemplates },
  { path: '/app/kiem-tra/:id', page: InspectionDetail, allow: canReadInspections },
  { path: '/app/truyen-thong', page: Communications, allow: canReadCommunications },
  { path: '/app/truyen-thong/:id', page: CommunicationDetail, allow: canReadCommunications },
  { path: '/app/bao-cao/:id', page: ReportDetail },
  { path: '/app/bao-cao/:id/in', page: ReportPrint },
  { path: '/app/quan-tri/don-vi', page: AdminUnits, allow: canManageUnits },
  { path: '/app/quan-tri/nguoi-dung', page: AdminUsers, allow: canManageUsers },
  { path: '/app/quan-tri/nhat-ky', page: AdminAudit, allow: canReadAudit },
  { path: '/app/quan-tri/ngay-nghi', page: AdminHolidays, allow: canManageHolidays },
  // the business rules as dated versions (issue 20): the province's administrators
  { path: '/app/quy-tac', page: RuleSets, allow: (u) => hasPermission(u, 'rules.read') },
  // the reorganisation of units from a date (issue 20): the province's administrators
  { path: '/app/to-chuc-lai', page: Reorganize, allow: (u) => hasPermission(u, 'units.reorganize') },
  { path: '/app/quan-tri/lien-he', page: PublicContactAdmin, allow: (u) => hasPermission(u, 'settings.write') },
  // search and print views (issue 15)
  { path: '/app/tim-kiem', page: Search },
  { path: '/app/ke-hoach/:id/in', page: PlanPrint },
  { path: '/app/nhiem-vu/:id/in', page: TaskPrint },
  { path: '/app/phan-anh/:id/in', page: FeedbackPrint, allow: canReadFeedback },
];

function Forbidden() {
  usePageTitle('Không có quyền truy cập');
  return (
    <>
      <PageHeader title="Không có quyền truy cập" lead="Vai trò của bạn không được sử dụng chức năng này." />
      <p>
        Quay về <Link href="/app">trang làm việc</Link>.
      </p>
    </>
  );
}

function Loading({ text = 'Đang tải…' }) {
  return (
    <p class="loading" role="status">
      {text}
    </p>
  );
}

export function Intranet({ path, search }) {
  const session = useSession();
  useEffect(() => {
    if (session.status === 'unknown') loadSession();
    else if (session.status === 'anon') redirectToLogin();
  }, [session.status]);

  if (session.status === 'error') {
    return (
      <PublicLayout>
        <PageHeader title="Không tải được phiên làm việc" />
        <ProblemAlert error={session.error} focus={false} />
        <button type="button" class="btn btn--primary" onClick={() => loadSession({ force: true })}>
          Thử lại
        </button>
      </PublicLayout>
    );
  }
  if (session.status !== 'user' || !session.user) {
    return (
      <PublicLayout>
        <Loading text="Đang kiểm tra phiên làm việc…" />
      </PublicLayout>
    );
  }
  const user = session.user;
  const hit = findRoute(APP_ROUTES, path);
  let body;
  if (!hit) body = <AppNotFound />;
  else if (hit.route.allow && !hit.route.allow(user)) body = <Forbidden />;
  else {
    const Page = hit.route.page;
    body = <Page user={user} params={hit.params} search={search} />;
  }
  return (
    <AppLayout user={user} path={path} bell={<NotificationBell path={path} />} search={<SearchBox path={path} search={search} />}>
      {body}
    </AppLayout>
  );
}
