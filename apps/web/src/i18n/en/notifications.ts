// Strings of this area's pages; the keys are read as t('notifications.key').
export default {} as const;
