// Strings of this area's pages; the keys are read as t('admin.key').
export default {} as const;
