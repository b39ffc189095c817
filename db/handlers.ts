/**
 * Every core IPC channel (shared/contract.ts `CoreChannel`) implemented on the store. Inputs arrive
 * parsed by the dispatcher; `ctx.actor` is recorded in the audit log. Handlers are synchronous
 * (better-sqlite3); each write is one transaction inside its service.
 */
import type { CoreChannel } from '../shared/contract';
import type { HandlersFor } from '../shared/dispatch';
import type { Store } from './store';
import { getFirstScreen, getPlanTree } from './tree';
import * as actions from './services/actions';
import * as backups from './services/backups';
import { getCoveringReport, saveCoveringReport } from './services/covering-reports';
import { createPlanFromDraft } from './services/drafts';
import { entityHistory, planHistory, planHistoryActors } from './services/history';
import { deleteIndicator, upsertIndicator } from './services/indicators';
import * as objectives from './services/objectives';
import { deletePerson, linkName, listPeople, restorePerson, suggestLeads, upsertPerson } from './services/people';
import * as periods from './services/periods';
import * as plans from './services/plans';
import * as progress from './services/progress';
import { setRating } from './services/ratings';
import * as recs from './services/recommendations';
import { createSamplePlan } from './services/sample';
import { applyPreset, setScale } from './services/scale';
import { search } from './services/search';
import * as sections from './services/sections';
import { appInfo, setUserName } from './services/settings';
import { getSummary, summaryOf } from './services/summary';

export interface StoreHandlerOptions {
  /** The app version shown by app:info. */
  version?: string;
}

export function createStoreHandlers(store: Store, options: StoreHandlerOptions = {}): HandlersFor<CoreChannel> {
  const version = options.version ?? '0.1.0';
  return {
    'app:info': () => appInfo(store, version),
    'settings:setUserName': ({ userName }) => {
      setUserName(store, userName);
      return appInfo(store, version);
    },

    'plans:list': (i) => plans.listPlans(store, i),
    'plans:create': (i, ctx) => plans.createPlan(store, i, ctx.actor),
    'plans:createFromDraft': (i, ctx) => createPlanFromDraft(store, i, ctx.actor),
    'plans:createSample': (i, ctx) => createSamplePlan(store, ctx.actor, i.today),
    'plans:get': ({ planId }) => getPlanTree(store, planId),
    'plans:getFirstScreen': ({ planId, summary, overview }) =>
      getFirstScreen(store, planId, summary ? (tree) => summaryOf(store, tree) : null, overview === true),
    'plans:update': (i, ctx) => plans.updatePlan(store, i, ctx.actor),
    'plans:duplicate': (i, ctx) => plans.duplicatePlan(store, i.planId, i.title, ctx.actor),
    'plans:archive': (i, ctx) => plans.archivePlan(store, i.planId, i.archived, ctx.actor),
    'plans:delete': (i, ctx) => plans.deletePlan(store, i.planId, ctx.actor),
    'plans:restore': (i, ctx) => plans.restorePlan(store, i.planId, ctx.actor),
    'plans:purge': (i, ctx) => plans.purgePlan(store, i.planId, ctx.actor),

    'scale:set': (i, ctx) => setScale(store, i.planId, i.levels, ctx.actor),
    'scale:applyPreset': (i, ctx) => applyPreset(store, i.planId, i.preset, ctx.actor),

    'periods:create': (i, ctx) => periods.createPeriod(store, i, ctx.actor),
    'periods:update': (i, ctx) => periods.updatePeriod(store, i, ctx.actor),
    'periods:reorder': (i, ctx) => periods.reorderPeriods(store, i.parentId, i.orderedIds, ctx.actor),
    'periods:setCurrent': (i, ctx) => periods.setCurrentPeriod(store, i, ctx.actor),
    'periods:lock': (i, ctx) => periods.lockPeriod(store, i.periodId, i.locked, ctx.actor),
    'periods:delete': (i, ctx) => periods.deletePeriod(store, i.periodId, ctx.actor),
    'periods:restore': (i, ctx) => periods.restorePeriod(store, i.periodId, ctx.actor),

    'recommendations:create': (i, ctx) => recs.createRecommendation(store, i, ctx.actor),
    'recommendations:update': (i, ctx) => recs.updateRecommendation(store, i, ctx.actor),
    'recommendations:delete': (i, ctx) => recs.deleteRecommendation(store, i.recommendationId, ctx.actor),
    'recommendations:restore': (i, ctx) => recs.restoreRecommendation(store, i.recommendationId, ctx.actor),
    'recommendations:link': (i, ctx) => recs.linkRecommendations(store, i.actionId, i.recommendationIds, ctx.actor),

    'sections:create': (i, ctx) => sections.createSection(store, i, ctx.actor),
    'sections:update': (i, ctx) => sections.updateSection(store, i, ctx.actor),
    'sections:reorder': (i, ctx) => sections.reorderSections(store, i.parentId, i.orderedIds, ctx.actor),
    'sections:renumber': ({ planId }, ctx) => {
      sections.renumberAll(store, planId, ctx.actor);
      return getPlanTree(store, planId);
    },
    'sections:archive': (i, ctx) => sections.archiveSection(store, i.sectionId, i.archived, ctx.actor),
    'sections:delete': (i, ctx) => sections.deleteSection(store, i.sectionId, ctx.actor),
    'sections:restore': (i, ctx) => sections.restoreSection(store, i.sectionId, ctx.actor),

    'objectives:create': (i, ctx) => objectives.createObjective(store, i, ctx.actor),
    'objectives:update': (i, ctx) => objectives.updateObjective(store, i.objectiveId, i.patch.title, ctx.actor),
    'objectives:reorder': (i, ctx) => objectives.reorderObjectives(store, i.parentId, i.orderedIds, ctx.actor),
    'objectives:archive': (i, ctx) => objectives.archiveObjective(store, i.objectiveId, i.archived, ctx.actor),
    'objectives:delete': (i, ctx) => objectives.deleteObjective(store, i.objectiveId, ctx.actor),
    'objectives:restore': (i, ctx) => objectives.restoreObjective(store, i.objectiveId, ctx.actor),

    'actions:create': (i, ctx) => actions.createAction(store, i, ctx.actor),
    'actions:update': (i, ctx) => actions.updateAction(store, i, ctx.actor),
    'actions:move': (i, ctx) => actions.moveAction(store, i, ctx.actor),
    'actions:reorder': (i, ctx) => actions.reorderActions(store, i.parentId, i.orderedIds, ctx.actor),
    'actions:archive': (i, ctx) => actions.archiveAction(store, i.actionId, i.archived, ctx.actor),
    'actions:delete': (i, ctx) => actions.deleteAction(store, i.actionId, ctx.actor),
    'actions:restore': (i, ctx) => actions.restoreAction(store, i.actionId, ctx.actor),
    'actions:setLeads': (i, ctx) => actions.setLeads(store, i, ctx.actor),
    'actions:dueHistory': ({ actionId }) => actions.dueHistory(store, actionId),

    'people:list': (i) => listPeople(store, i.signatoriesOnly),
    'people:upsert': (i, ctx) => upsertPerson(store, i, ctx.actor),
    'people:delete': (i, ctx) => deletePerson(store, i.personId, ctx.actor),
    'people:restore': (i, ctx) => restorePerson(store, i.personId, ctx.actor),
    'people:link': (i, ctx) => linkName(store, i, ctx.actor),
    'leads:suggest': (i) => suggestLeads(store, i.planId, i.prefix, i.limit),

    'ratings:set': (i, ctx) => setRating(store, i, ctx.actor),
    'progress:add': (i, ctx) => progress.addProgress(store, i, ctx.actor),
    'progress:update': (i, ctx) => progress.updateProgress(store, i, ctx.actor),
    'progress:delete': (i, ctx) => progress.deleteProgress(store, i.progressId, ctx.actor),
    'progress:restore': (i, ctx) => progress.restoreProgress(store, i.progressId, ctx.actor),

    'indicators:upsert': (i, ctx) => upsertIndicator(store, i, ctx.actor),
    'indicators:delete': (i, ctx) => deleteIndicator(store, i.indicatorId, ctx.actor),

    'summary:get': (i) => getSummary(store, i),
    'history:get': (i) => entityHistory(store, i.entityId, i.limit),
    'history:plan': (i) => planHistory(store, i),
    'history:actors': (i) => planHistoryActors(store, i.planId),
    'search:query': (i) => search(store, i.query, i.planId, i.limit),

    'coveringReport:get': (i) => getCoveringReport(store, i.planId, i.periodId),
    'coveringReport:save': (i, ctx) => saveCoveringReport(store, i.planId, i.periodId, i.content, ctx.actor),

    'backups:list': () => backups.listStoreBackups(store),
    'backups:create': () => backups.backupNow(store),
    'backups:restore': (i) => backups.restoreBackup(store, i.path),
    'store:status': () => backups.storeStatus(store),
    'store:repair': () => backups.repair(store),
  };
}
