// Strings of this area's pages; the keys are read as t('applications.key').
export default {} as const;
