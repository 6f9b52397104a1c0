import { draftErrorPlaces, placeFieldErrors, signingErrorPlaces } from './field-errors';

describe('placing the api’s field errors at the draft form’s inputs', () => {
  it('drops the wrapper of the body and of the service command', () => {
    expect(
      placeFieldErrors(
        [
          { field: 'fields.title', reason: 'is required' },
          { field: 'agreement.fields.parties.1.representative.userId', reason: 'is required' },
          { field: 'revision.fields.governance.body', reason: 'is required' },
        ],
        draftErrorPlaces,
      ),
    ).toEqual({
      placed: {
        title: 'is required',
        'parties.1.representative.userId': 'is required',
        'governance.body': 'is required',
      },
      unplaced: [],
    });
  });

  it('puts an error of a list item on the input that holds the whole list, first reason first', () => {
    const { placed } = placeFieldErrors(
      [
        { field: 'fields.scope.2', reason: 'must be at most 1000 characters' },
        { field: 'fields.scope.3', reason: 'is required' },
        { field: 'fields.sdgTargets.1', reason: 'must be an SDG target such as 1.2 or 6.b' },
        { field: 'fields.parties.0.responsibilities.4', reason: 'is required' },
      ],
      draftErrorPlaces,
    );
    expect(placed).toEqual({
      scope: 'must be at most 1000 characters',
      sdgTargets: 'must be an SDG target such as 1.2 or 6.b',
      'parties.0.responsibilities': 'is required',
    });
  });

  it('keeps a contribution’s error on its row and a duplicate organisation on its party', () => {
    const { placed } = placeFieldErrors(
      [
        { field: 'fields.parties.1.contributions.0.amountIdr', reason: 'must be a whole number' },
        { field: 'fields.parties.2.organisationId', reason: 'names the same organisation twice' },
        { field: 'fields.parties', reason: 'must name at least two parties' },
      ],
      draftErrorPlaces,
    );
    expect(Object.keys(placed)).toEqual([
      'parties.1.contributions.0.amountIdr',
      'parties.2.organisationId',
      'parties',
    ]);
  });

  it('lists what no input stands for: the whole revision, the kind, an unknown field', () => {
    const errors = [
      { field: 'revision.fields', reason: 'are the same as the latest version' },
      { field: 'kind', reason: 'Invalid option' },
      { field: 'fields.colour', reason: 'is not an allowed field' },
    ];
    expect(placeFieldErrors(errors, draftErrorPlaces)).toEqual({ placed: {}, unplaced: errors });
  });
});

describe('placing the api’s field errors at the open-signing form’s inputs', () => {
  it('takes the body’s and the rules’ names of the times', () => {
    expect(
      placeFieldErrors(
        [
          { field: 'expiresAt', reason: 'is required' },
          { field: 'signing.dueAt', reason: 'must be after now and not after expiresAt' },
          { field: 'signing.organisationIds.0', reason: 'is not a party to version 2' },
        ],
        signingErrorPlaces,
      ),
    ).toEqual({
      placed: { expiresAt: 'is required', dueAt: 'must be after now and not after expiresAt' },
      unplaced: [{ field: 'signing.organisationIds.0', reason: 'is not a party to version 2' }],
    });
  });
});
