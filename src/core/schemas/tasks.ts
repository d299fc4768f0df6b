// Schema of content/tasks.yaml: the task board.
import * as z from 'zod';
import { nonEmpty, shortId } from './common.ts';

export const taskStatuses = ['open', 'doing', 'blocked', 'done'] as const;

export const taskSchema = z
	.object({
		id: nonEmpty,
		phase: shortId,
		title: nonEmpty,
		status: z.enum(taskStatuses),
		owner: nonEmpty,
		artifacts: z.array(nonEmpty).default([]),
		/** Test cases the task owns: a failing one makes its blocker the task owner's. */
		tests: z.array(nonEmpty).default([]),
	})
	.strict();

export const tasksFileSchema = z.object({ tasks: z.array(taskSchema).default([]) }).strict();

export type Task = z.output<typeof taskSchema>;
