import { z } from 'zod';
import { pathSegmentId } from '../http/idSchemas';
import { messageAttachments, messageText } from './notifyRequestSchema';

/**
 * The ids in `/api/notify/conversations/{conversationId}/activities/{activityId}`, as the host
 * decoded them (once): opaque, at most 1024 characters, well-formed Unicode, not `.` or `..`.
 */
export const activityPathSchema = z.object({ conversationId: pathSegmentId, activityId: pathSegmentId });

/** The body of an update of a sent message: its new text and/or attachments, checked as notify's. */
export const activityUpdateSchema = z
  .strictObject({ text: messageText.optional(), attachments: messageAttachments.optional() })
  .superRefine((body, ctx) => {
    if (body.text === undefined && !body.attachments?.length) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'text (or attachments) is required' });
    }
  });

export type ActivityPath = z.infer<typeof activityPathSchema>;
export type ActivityUpdate = z.infer<typeof activityUpdateSchema>;
