/** The tutorial's lessons, in the order the tutorial offers them. */
import type { Lesson } from '../types.ts';
import { discovery } from './discovery.ts';
import { culprit } from './culprit.ts';
import { drf } from './drf.ts';
import { firstApp } from './first-app.ts';
import { jobs } from './jobs.ts';
import { ha } from './ha.ts';
import { kafka } from './kafka.ts';
import { leastPrivilege } from './least-privilege.ts';
import { placement } from './placement.ts';
import { rolling } from './rolling.ts';
import { selfHealing } from './self-healing.ts';
import { share } from './share.ts';
import { tour } from './tour.ts';
import { twoLevel } from './two-level.ts';
import { volumes } from './volumes.ts';

export const LESSONS: readonly Lesson[] = [
  tour,
  twoLevel,
  firstApp,
  selfHealing,
  drf,
  placement,
  rolling,
  discovery,
  jobs,
  ha,
  share,
  volumes,
  kafka,
  culprit,
  leastPrivilege,
];

export const lessonById = (id: string): Lesson | undefined => LESSONS.find((l) => l.id === id);
