/** The external event `DELETE /api/notify/{id}` raises: the notify orchestrators stop sending on it. */
export const CANCEL_EVENT = 'cancel';
