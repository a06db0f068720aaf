// Strings of this area's pages; the keys are read as t('practice.key').
export default {} as const;
