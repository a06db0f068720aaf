// Strings of this area's pages; the keys are read as t('credentials.key').
export default {} as const;
